import { junitXml } from '../lib/automation/junit';
import type { Scenario } from '../lib/automation/scenario';
import { parseScenario } from '../lib/automation/scenario';
import { scenarioFromNative } from '../lib/automation/scenario-from-session';
import type { StepOutcome } from '../lib/automation/scenario-run';
import { runScenario } from '../lib/automation/scenario-runner';
import { NATIVE_EXTENSION } from '../lib/formats/native';
import type { SessionHead } from '../lib/model/session';
import type { Result } from '../lib/result';
import { LiveSession } from '../lib/session/live-session';
import type { SocketFactory } from '../lib/ws/connection';
import { parseScenarioArgs, USAGE } from './scenario-args';

/**
 * `npm run scenario`: runs a scenario, or replays a recorded session, from a terminal, with the same lib code as
 * the app. Node's side (files, output, the `ws` socket) is handed in by scripts/scenario.js, so this module is
 * plain TypeScript that Vite builds without knowing Node.
 */
export interface ScenarioIo {
  readText(path: string): Promise<string>;
  writeText(path: string, text: string): Promise<void>;
  print(line: string): void;
  createSocket: SocketFactory;
}

/** Exit codes: 0 passed, 1 failed, 2 the command or the file was refused before anything was sent. */
export async function main(args: readonly string[], io: ScenarioIo): Promise<number> {
  const parsed = parseScenarioArgs(args);
  if (!parsed.ok) {
    io.print(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  const { file, junit, values, url, timeScale } = parsed.value;
  let text: string;
  try {
    text = await io.readText(file);
  } catch (error) {
    io.print(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const scenario = readScenario(file, text, timeScale);
  if (!scenario.ok) {
    io.print(`${file}: ${scenario.error}`);
    return 2;
  }
  const live = new LiveSession({
    // A terminal run keeps its records in memory only: the outcome is the output and the JUnit file.
    frames: {
      write: async () => undefined,
      reopen: async () => undefined,
      head: async (): Promise<SessionHead | undefined> => undefined,
      chunkStarts: async () => [],
      chunk: async () => undefined,
    },
    catalog: { put: async () => undefined },
    newId: (startedAt) => `scenario-${startedAt}`,
    createSocket: io.createSocket,
  });
  io.print(
    `Scenario “${scenario.value.name}”: ${scenario.value.steps.length} steps against ${url ?? scenario.value.url}`,
  );
  const result = await runScenario(live, scenario.value, {
    values,
    ...(url === undefined ? {} : { url }),
    onStep: (outcome) => io.print(describeOutcome(outcome)),
  });
  io.print(
    result.passed
      ? `PASSED in ${Math.round(result.ms)} ms`
      : `FAILED at step ${result.failure?.step ?? 0} after ${Math.round(result.ms)} ms`,
  );
  if (junit !== undefined) await io.writeText(junit, junitXml(result, scenario.value.steps));
  return result.passed ? 0 : 1;
}

function readScenario(file: string, text: string, timeScale: number | undefined): Result<Scenario> {
  if (!file.endsWith(NATIVE_EXTENSION)) return parseScenario(text);
  const made = scenarioFromNative(text, timeScale === undefined ? {} : { timeScale });
  return made.ok ? parseScenario(JSON.stringify(made.value, null, 2)) : made;
}

function describeOutcome(outcome: StepOutcome): string {
  const mark = outcome.passed ? 'ok  ' : 'FAIL';
  const detail = outcome.detail === undefined ? '' : `\n       ${outcome.detail}`;
  return `  ${mark} ${outcome.step}. ${outcome.label} (${Math.round(outcome.ms)} ms)${detail}`;
}
