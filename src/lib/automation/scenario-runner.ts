import type { FrameRecord, MessageRecord } from '../model/frame';
import { isMessage } from '../model/frame';
import { ConnectionWatch } from './connection-watch';
import { expectation } from './expectation';
import { plainJsonFields } from './frame-match';
import type { Scenario, ScenarioStep } from './scenario';
import type { RunOptions, ScenarioResult, ScenarioSession, StepOutcome } from './scenario-run';
import { sendScenarioMessage } from './scenario-send';
import { realTimers } from './target';
import { stepLabel } from './step-label';

export const CONNECT_TIMEOUT_MS = 10_000;
/** How long a close step (and the close after the last step) waits for the server's answer. */
export const CLOSE_TIMEOUT_MS = 5000;

/**
 * Runs a scenario on a connection: connects, runs each step in order, and stops at the first that fails. Every
 * outcome is written into the session as a note row, so the run is a recorded session like any other. Received
 * frames are kept from the moment of connecting: an expect is met by a frame that arrived after the frame that met
 * the one before, even if it arrived while an earlier step ran.
 */
export async function runScenario(
  session: ScenarioSession,
  scenario: Scenario,
  options: RunOptions = {},
): Promise<ScenarioResult> {
  const timers = options.timers ?? realTimers;
  const startedAt = timers.now();
  const values = options.values ?? {};
  const url = options.url ?? scenario.url;
  const outcomes: StepOutcome[] = [];
  const inbox: MessageRecord[] = [];
  const watch = new ConnectionWatch();
  const offs = [
    session.on('record', (record: FrameRecord) => {
      if (isMessage(record) && record.dir === 'in') inbox.push(record);
      watch.changed();
    }),
    session.on('open', (info) => watch.opened(info.protocol)),
    session.on('close', (info) => {
      const reason = `the connection closed (code ${info.code}${info.reason ? `, “${info.reason}”` : ''})`;
      // The recording ends with the close: an outcome known later can no longer be noted in it, so say it now.
      if (running !== null) session.note(`Scenario step ${running}: ${reason}`);
      watch.closed(reason);
    }),
  ];
  let running: number | null = 0;
  const cursor = { next: 0 };
  let ids = 0;
  const context = {
    nextId: () => ++ids,
    get protocol() {
      return watch.protocol;
    },
  };

  const finish = (outcome: StepOutcome): boolean => {
    outcomes.push(outcome);
    session.note(
      `Scenario step ${outcome.step} ${outcome.passed ? 'passed' : 'failed'}: ${outcome.label}${outcome.detail ? ` — ${outcome.detail}` : ''}`,
    );
    options.onStep?.(outcome);
    return outcome.passed;
  };

  const runStep = async (step: ScenarioStep): Promise<string | null> => {
    switch (step.kind) {
      case 'send': {
        const sent = await sendScenarioMessage(session, step.message, values, context, options.loadEncoder);
        return sent.ok ? null : sent.error;
      }
      case 'expect':
        return expectation(step, {
          inbox,
          cursor,
          watch,
          timers,
          values,
          decode: options.decode ?? plainJsonFields,
        });
      case 'wait':
        await watch.until(() => false, timers, step.ms);
        return null;
      case 'close': {
        if (watch.closedReason !== null) return null;
        session.close(step.code, step.reason);
        const closed = await watch.until(() => watch.closedReason !== null, timers, CLOSE_TIMEOUT_MS);
        return closed ? null : `the server did not answer the close within ${CLOSE_TIMEOUT_MS} ms`;
      }
    }
  };

  try {
    const connectStarted = timers.now();
    const connected = session.connect({
      url,
      protocols: scenario.protocols,
      binaryType: options.binaryType ?? 'arraybuffer',
      values,
      ...(options.rules === undefined ? {} : { rules: options.rules }),
    });
    session.note(`Scenario “${scenario.name}” runs ${scenario.steps.length} steps against ${url}`);
    let failure: string | null = connected.ok ? null : connected.error;
    if (failure === null) {
      const open = await watch.until(
        () => watch.isOpen || watch.closedReason !== null,
        timers,
        options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      );
      if (!watch.isOpen)
        failure = open
          ? (watch.closedReason ?? 'the connection closed')
          : 'no answer within the connect timeout';
    }
    const connectOutcome: StepOutcome = {
      step: 0,
      label: `connect to ${url}`,
      passed: failure === null,
      ms: timers.now() - connectStarted,
      ...(failure === null ? {} : { detail: failure }),
    };
    running = null;
    if (finish(connectOutcome)) {
      for (const [index, step] of scenario.steps.entries()) {
        const began = timers.now();
        running = index + 1;
        const problem = await runStep(step);
        running = null;
        const outcome: StepOutcome = {
          step: index + 1,
          label: stepLabel(step),
          passed: problem === null,
          ms: timers.now() - began,
          ...(problem === null ? {} : { detail: problem }),
        };
        if (!finish(outcome)) break;
      }
    }
    if (watch.isOpen && watch.closedReason === null) {
      session.close(1000, '');
      await watch.until(() => watch.closedReason !== null, timers, CLOSE_TIMEOUT_MS);
    }
  } finally {
    for (const off of offs) off();
  }
  const failed = outcomes.find((outcome) => !outcome.passed);
  return {
    name: scenario.name,
    passed: failed === undefined,
    outcomes,
    ...(failed ? { failure: failed } : {}),
    ms: timers.now() - startedAt,
  };
}
