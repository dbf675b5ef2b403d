import type { BinaryType } from '../model/frame';
import type { Result } from '../result';
import type { FieldsDecoder } from './frame-match';
import type { AutoRule } from './rules';
import type { EncoderLoader, FrameSender } from './scenario-send';
import type { AutomationTimers } from './target';

/** What a run needs of a connection: LiveSession has this shape. */
export interface ScenarioSession extends FrameSender {
  connect(request: {
    url: string;
    protocols: string[];
    binaryType: BinaryType;
    values?: Readonly<Record<string, string>>;
    rules?: readonly AutoRule[];
  }): Result<void>;
  close(code: number, reason: string): void;
}

/** One step's outcome; step 0 is connecting to the scenario's URL. */
export interface StepOutcome {
  step: number;
  label: string;
  passed: boolean;
  ms: number;
  /** For a failure: what was wrong, and what arrived instead. */
  detail?: string;
}

export interface ScenarioResult {
  name: string;
  passed: boolean;
  outcomes: StepOutcome[];
  /** The failing step's outcome, when one failed; steps after it did not run. */
  failure?: StepOutcome;
  ms: number;
}

export interface RunOptions {
  /** What `{{name}}` stands for (a profile's values, `--var`). */
  values?: Readonly<Record<string, string>>;
  /** Replaces the scenario's URL: the same traffic against another server. */
  url?: string;
  binaryType?: BinaryType;
  /** The connection's auto-replies (and open-time sends) while the scenario runs: a profile's rules. */
  rules?: readonly AutoRule[];
  timers?: AutomationTimers;
  decode?: FieldsDecoder;
  loadEncoder?: EncoderLoader;
  connectTimeoutMs?: number;
  /** Each step's outcome as it is known: the terminal prints it, the UI shows it. */
  onStep?: (outcome: StepOutcome) => void;
}
