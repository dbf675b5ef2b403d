import type { ComposedMessage } from '../compose/message';
import type { Unsubscribe } from '../events';
import type { FrameRecord } from '../model/frame';
import type { Result } from '../result';
import type { AutoRule } from './rules';

/** How a rule or a schedule sends: extra `{{…}}` values (a match), and whether the app sent it by itself. */
export interface SendOptions {
  /** Values beside the connection's own, e.g. `$match.id`; filled in the same single pass, never re-expanded. */
  values?: Readonly<Record<string, string>>;
  /** Recorded as sent by the app (an auto-reply), not by the person. */
  automatic?: boolean;
}

/** The events automation listens to, as LiveSession publishes them. */
export interface AutomationEvents {
  record: FrameRecord;
  open: { url: string; protocol: string; extensions: string; at: number };
  close: { code: number; reason: string; wasClean: boolean };
  recording: unknown;
}

/**
 * What automation needs of a connection: LiveSession has this shape. Declared here, below session/, so the
 * engine can be tested on a fake and LiveSession can own an engine without the two folders importing each other.
 */
export interface AutomationTarget {
  on<K extends keyof AutomationEvents>(
    type: K,
    listener: (payload: AutomationEvents[K]) => void,
  ): Unsubscribe;
  /** Fills in the variables (with this connection's `{{$seq}}`), encodes and sends; or says what is wrong. */
  send(message: ComposedMessage, options?: SendOptions): Result<void>;
  /** Adds a note row to the recording. */
  note(text: string): void;
  /** The rules the current connection was opened with (its request's). */
  readonly rules?: readonly AutoRule[];
}

/** Timers and the time they are measured on: injected, so tests move time by hand. */
export interface AutomationTimers {
  now(): number;
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: AutomationTimers = {
  now: () => performance.now(),
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
