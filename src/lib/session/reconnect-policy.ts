import { reconnectDelayMs } from '../ws/backoff';

/** A connection that stayed open this long was healthy: the next drop starts the backoff again from 1 s. */
const STABLE_AFTER_MS = 10_000;
/** Attempts in a row without a healthy connection before giving up (about five minutes at the 30 s ceiling). */
const MAX_ATTEMPTS = 12;

/**
 * When to reconnect after a close nobody asked for. The backoff is not reset by merely opening: a server that
 * accepts and drops at once would otherwise mint a session a second (security review, L3).
 */
export class ReconnectPolicy {
  #attempt = 0;
  readonly #clock: () => number;

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  get attempt(): number {
    return this.#attempt;
  }

  /** A connection closed; `openedAt` is when it opened, or null if it never did. */
  closed(openedAt: number | null): void {
    if (openedAt !== null && this.#clock() - openedAt >= STABLE_AFTER_MS) this.#attempt = 0;
  }

  /** The pause before the next attempt, or null once there have been too many. */
  nextDelay(): number | null {
    if (this.#attempt >= MAX_ATTEMPTS) return null;
    this.#attempt++;
    return reconnectDelayMs(this.#attempt);
  }

  gaveUpReason(): string {
    return `Stopped reconnecting after ${MAX_ATTEMPTS} attempts in a row without a connection that lasted ${STABLE_AFTER_MS / 1000} s.`;
  }

  reset(): void {
    this.#attempt = 0;
  }
}
