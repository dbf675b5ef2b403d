import type { ComposedMessage } from '../compose/message';
import { Emitter } from '../events';
import type { Unsubscribe } from '../events';
import type { Result } from '../result';
import type { AutomationTarget, AutomationTimers } from './target';
import { realTimers } from './target';

export interface RepeatRequest {
  message: ComposedMessage;
  everyMs: number;
  /** How many to send; undefined repeats until stopped (or the connection closes). */
  count?: number;
}

export interface RepeatEvents {
  /** One more was sent: how many so far. */
  sent: number;
  /** The schedule ended: all sent, stopped, the connection closed, or a send failed (the reason says which). */
  stopped: { sent: number; reason: string };
}

/** The shortest period: a faster repeat is a flood, not a test. */
export const MIN_REPEAT_MS = 1;

/** Checks the composer's `Repeat every (ms)` and `Repeat count` boxes as typed; an empty count means until stopped. */
export function parseRepeatForm(everyMs: string, count: string): Result<{ everyMs: number; count?: number }> {
  const every = Number(everyMs);
  if (everyMs.trim() === '' || !Number.isFinite(every) || every < MIN_REPEAT_MS) {
    return {
      ok: false,
      error: `Repeat every (ms) must be a number of milliseconds, at least ${MIN_REPEAT_MS}.`,
    };
  }
  if (count.trim() === '') return { ok: true, value: { everyMs: every } };
  const times = Number(count);
  if (!Number.isSafeInteger(times) || times < 1) {
    return {
      ok: false,
      error: 'Repeat count must be a whole number from 1, or empty to repeat until stopped.',
    };
  }
  return { ok: true, value: { everyMs: every, count: times } };
}

/**
 * Sends one composed message on a schedule: the k-th send is due at start + k × period, computed from the start,
 * so timer lateness never accumulates. Slots that pass while a timer is late (a throttled background tab) are
 * skipped rather than sent in a burst. `{{$seq}}` counts up because each send goes through the connection's own counter.
 */
export class RepeatSchedule {
  readonly #events = new Emitter<RepeatEvents>();
  readonly #target: AutomationTarget;
  readonly #timers: AutomationTimers;
  #request: RepeatRequest | null = null;
  #startedAt = 0;
  #slot = 0;
  #sent = 0;
  #timer: unknown;
  #offClose: Unsubscribe | null = null;

  constructor(target: AutomationTarget, timers: AutomationTimers = realTimers) {
    this.#target = target;
    this.#timers = timers;
  }

  on<K extends keyof RepeatEvents>(type: K, listener: (payload: RepeatEvents[K]) => void): Unsubscribe {
    return this.#events.on(type, listener);
  }

  get running(): boolean {
    return this.#request !== null;
  }
  get sent(): number {
    return this.#sent;
  }

  /** Sends the first at once, then on schedule. Refuses a bad period or count, or a first send that fails. */
  start(request: RepeatRequest): Result<void> {
    if (!(request.everyMs >= MIN_REPEAT_MS)) return { ok: false, error: 'The period must be at least 1 ms.' };
    if (request.count !== undefined && !(Number.isSafeInteger(request.count) && request.count >= 1)) {
      return { ok: false, error: 'The count must be a whole number from 1.' };
    }
    this.stop('restarted');
    const first = this.#target.send(request.message);
    if (!first.ok) return first;
    this.#request = request;
    this.#startedAt = this.#timers.now();
    this.#slot = 0;
    this.#sent = 1;
    this.#offClose = this.#target.on('close', () => this.stop('the connection closed'));
    this.#events.emit('sent', this.#sent);
    this.#next();
    return { ok: true, value: undefined };
  }

  /** Stops now; nothing more is sent. */
  stop(reason = 'stopped'): void {
    if (this.#request === null) return;
    this.#request = null;
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timer = undefined;
    this.#offClose?.();
    this.#offClose = null;
    this.#events.emit('stopped', { sent: this.#sent, reason });
  }

  #next(): void {
    const request = this.#request;
    if (request === null) return;
    if (request.count !== undefined && this.#sent >= request.count) {
      this.stop(`all ${request.count} sent`);
      return;
    }
    const now = this.#timers.now();
    // The next slot from the start that is still ahead: slots a late timer let pass are skipped, not burst.
    this.#slot = Math.max(this.#slot + 1, Math.ceil((now - this.#startedAt) / request.everyMs));
    const due = this.#startedAt + this.#slot * request.everyMs;
    this.#timer = this.#timers.set(() => this.#fire(), Math.max(0, due - now));
  }

  #fire(): void {
    this.#timer = undefined;
    const request = this.#request;
    if (request === null) return;
    const sent = this.#target.send(request.message);
    if (!sent.ok) {
      this.stop(`a send failed: ${sent.error}`);
      return;
    }
    this.#sent++;
    this.#events.emit('sent', this.#sent);
    this.#next();
  }
}
