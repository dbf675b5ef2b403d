/** More than this many firings of one rule on echoes of its replies, within WINDOW_MS, is a loop. */
export const LOOP_FIRINGS = 5;
export const LOOP_WINDOW_MS = 10_000;
/** Replies remembered per connection: enough for any loop, bounded whatever the traffic. */
const REMEMBERED = 64;

/**
 * Notices a rule replying to its own replies (an echo server and a rule that matches what it sends): it remembers
 * the payloads replies carried, and counts, per rule, the firings caused by a frame that carries one of them.
 */
export class LoopGuard {
  readonly #replies: { key: string; at: number }[] = [];
  readonly #echoFirings = new Map<number, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;

  constructor(limit = LOOP_FIRINGS, windowMs = LOOP_WINDOW_MS) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** A reply went out with this payload. */
  sent(key: string, at: number): void {
    this.#replies.push({ key, at });
    if (this.#replies.length > REMEMBERED) this.#replies.shift();
  }

  /** Rule `rule` is about to fire on a frame with this payload: whether that makes it a loop. */
  isLoop(rule: number, key: string, at: number): boolean {
    const since = at - this.#windowMs;
    if (!this.#replies.some((reply) => reply.key === key && reply.at >= since)) return false;
    const firings = (this.#echoFirings.get(rule) ?? []).filter((time) => time >= since);
    firings.push(at);
    this.#echoFirings.set(rule, firings);
    return firings.length > this.#limit;
  }

  /** A new connection: nothing it receives echoes the last one's replies. */
  reset(): void {
    this.#replies.length = 0;
    this.#echoFirings.clear();
  }
}
