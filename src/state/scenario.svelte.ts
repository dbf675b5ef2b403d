import { parseScenario } from '../lib/automation/scenario';
import type { ScenarioResult, StepOutcome } from '../lib/automation/scenario-run';
import { runScenario } from '../lib/automation/scenario-runner';
import { scenarioFromRecords } from '../lib/automation/scenario-from-session';
import type { UnnumberedRecord } from '../lib/model/frame';
import { recordAt } from '../lib/record/chunk';
import { messageOf } from '../lib/errors';
import type { Result } from '../lib/result';
import type { AutoRepliesState } from './auto-replies.svelte';
import type { Panel } from './panel.svelte';

/**
 * The `Scenario` region of one panel. A run uses the panel's own connection (its LiveSession), so it is recorded
 * and shown like any connection the bar opens, with each step's outcome as a note row; the panel must be
 * disconnected first. The panel's valid auto-replies answer during the run.
 */
export class ScenarioState {
  text = $state('');
  #running = $state(false);
  #result = $state('');
  #steps = $state<StepOutcome[]>([]);
  readonly #panel: Panel;
  readonly #replies: AutoRepliesState;

  constructor(panel: Panel, replies: AutoRepliesState) {
    this.#panel = panel;
    this.#replies = replies;
  }

  /** The text as a profile keeps it: empty, or a valid scenario; else why it is not kept. */
  readonly kept: Result<string> = $derived.by(() => {
    if (this.text.trim() === '') return { ok: true, value: '' };
    const scenario = parseScenario(this.text);
    return scenario.ok ? { ok: true, value: this.text } : scenario;
  });

  get running(): boolean {
    return this.#running;
  }
  /** Contains `passed` or `failed` (with the failing step's number and reason), or why it could not run. */
  get result(): string {
    return this.#result;
  }
  get steps(): readonly StepOutcome[] {
    return this.#steps;
  }

  async run(): Promise<void> {
    const scenario = parseScenario(this.text);
    if (!scenario.ok) {
      this.#result = `Not run: ${scenario.error}`;
      return;
    }
    const live = this.#panel.live;
    if (live.session.isActive) {
      this.#result =
        'Not run: this tab is connected. Disconnect first: the scenario opens its own connection.';
      return;
    }
    this.#running = true;
    this.#steps = [];
    this.#result = `Running “${scenario.value.name}”…`;
    try {
      const rules = this.#replies.rules;
      if (rules.length > 0) await this.#replies.apply();
      const result = await runScenario(live.session, scenario.value, {
        values: this.#panel.connection.profile?.values ?? {},
        rules,
        onStep: (outcome) => (this.#steps = [...this.#steps, outcome]),
      });
      this.#result = describe(result);
    } catch (error) {
      this.#result = `Scenario failed: ${messageOf(error)}`;
    } finally {
      this.#running = false;
    }
  }

  /** Fills the box with the shown session's sent frames, with their pauses, as a scenario against its URL. */
  async fromSession(): Promise<void> {
    const { session } = this.#panel;
    const meta = session.meta;
    if (meta === null) return;
    const records: UnnumberedRecord[] = [];
    for await (const chunk of session.source.chunks()) {
      for (let index = 0; index < chunk.count; index++) records.push(recordAt(chunk, index));
    }
    const name = meta.name ?? `Replay of ${meta.url}`;
    const scenario = scenarioFromRecords(records, { name, url: meta.url, protocols: meta.protocols });
    this.text = JSON.stringify(scenario, null, 2);
    this.#result = '';
  }
}

function describe(result: ScenarioResult): string {
  const seconds = (result.ms / 1000).toFixed(1);
  if (result.passed) {
    return `Scenario “${result.name}” passed: ${result.outcomes.length} steps in ${seconds} s.`;
  }
  const failure = result.failure;
  if (failure === undefined) return `Scenario “${result.name}” failed.`;
  return `Scenario “${result.name}” failed at step ${failure.step} (${failure.label}): ${failure.detail ?? 'it did not pass'}.`;
}
