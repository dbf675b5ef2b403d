/** Runs the automatic reconnects after a close nobody asked for: ReconnectPolicy's pauses, kept on a timer. */
import type { Timers } from './live-session-types';
import { ReconnectPolicy } from './reconnect-policy';

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** When the next automatic reconnect will happen. */
export interface PendingReconnect {
  at: number;
  attempt: number;
}

export class ReconnectScheduler {
  readonly #policy: ReconnectPolicy;
  readonly #timers: Timers;
  #timer: unknown;

  constructor(clock: () => number, timers: Timers = realTimers) {
    this.#policy = new ReconnectPolicy(clock);
    this.#timers = timers;
  }

  /** A connection closed; `openedAt` is when it opened, or null if it never did. */
  closed(openedAt: number | null): void {
    this.#policy.closed(openedAt);
  }

  /**
   * Calls `connect` after the next pause, announcing the pending reconnect (and null when its time comes); or,
   * after too many attempts, schedules nothing and returns why.
   */
  schedule(connect: () => void, announce: (pending: PendingReconnect | null) => void): string | null {
    const delay = this.#policy.nextDelay();
    if (delay === null) return this.#policy.gaveUpReason();
    const at = Date.now() + delay;
    announce({ at, attempt: this.#policy.attempt });
    this.#timer = this.#timers.set(() => {
      this.#timer = undefined;
      announce(null);
      connect();
    }, delay);
    return null;
  }

  /** Drops the pending reconnect, if any; the backoff goes on where it was. */
  cancelTimer(): void {
    if (this.#timer === undefined) return;
    this.#timers.clear(this.#timer);
    this.#timer = undefined;
  }

  /** Drops the pending reconnect and starts the backoff again from its first pause. */
  cancel(): void {
    this.cancelTimer();
    this.#policy.reset();
  }
}
