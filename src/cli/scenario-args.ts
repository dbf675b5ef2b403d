import { VARIABLE_NAME } from '../lib/compose/variables';
import type { Result } from '../lib/result';

export interface ScenarioArgs {
  file: string;
  junit?: string;
  values: Record<string, string>;
  /** Runs against this URL instead of the scenario's (or the recorded session's). */
  url?: string;
  /** Scales a replayed session's pauses: 0.5 is twice as fast. */
  timeScale?: number;
}

export const USAGE =
  'Usage: npm run scenario -- FILE [--junit OUT.xml] [--var name=value]... [--url ws://…] [--time-scale 0.5]\n' +
  '  FILE is a scenario (.json) or a recorded session (.wsi.jsonl) whose sent messages are replayed.';

/** Reads the command line after `npm run scenario --`. */
export function parseScenarioArgs(args: readonly string[]): Result<ScenarioArgs> {
  const parsed: ScenarioArgs = { file: '', values: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = args[i + 1];
    const needsValue = ['--junit', '--var', '--url', '--time-scale'].includes(arg);
    if (needsValue && value === undefined) return { ok: false, error: `${arg} needs a value.` };
    if (needsValue) i++;
    if (arg === '--junit') parsed.junit = value;
    else if (arg === '--url') parsed.url = value;
    else if (arg === '--time-scale') {
      const scale = Number(value);
      if (!Number.isFinite(scale) || scale < 0)
        return { ok: false, error: '--time-scale takes a number from 0.' };
      parsed.timeScale = scale;
    } else if (arg === '--var') {
      const equals = (value as string).indexOf('=');
      const name = (value as string).slice(0, Math.max(0, equals));
      if (equals < 1 || !VARIABLE_NAME.test(name)) {
        return { ok: false, error: `--var takes name=value with a name like token or user_id: “${value}”.` };
      }
      parsed.values[name] = (value as string).slice(equals + 1);
    } else if (arg.startsWith('--')) return { ok: false, error: `Unknown option ${arg}.` };
    else if (parsed.file === '') parsed.file = arg;
    else return { ok: false, error: `One file at a time: “${parsed.file}” and “${arg}”.` };
  }
  if (parsed.file === '') return { ok: false, error: 'Which scenario? Give a file.' };
  return { ok: true, value: parsed };
}
