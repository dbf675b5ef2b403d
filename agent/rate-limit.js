// @ts-check
/**
 * Failed authentications per source: after `maxFailures` within `windowMs`, the source is locked out for
 * `lockMs`, during which no token is even compared.
 */
export class FailureLimiter {
  /** @type {Map<string, { failures: number[], lockedUntil: number }>} */
  #sources = new Map();
  #maxFailures;
  #windowMs;
  #lockMs;
  #now;

  /** @param {{ maxFailures?: number, windowMs?: number, lockMs?: number, now?: () => number }} [options] */
  constructor({ maxFailures = 5, windowMs = 60_000, lockMs = 60_000, now = Date.now } = {}) {
    this.#maxFailures = maxFailures;
    this.#windowMs = windowMs;
    this.#lockMs = lockMs;
    this.#now = now;
  }

  get maxFailures() {
    return this.#maxFailures;
  }

  /**
   * @param {string} source
   * @returns {number} milliseconds the source stays locked out, 0 when it may try
   */
  lockedFor(source) {
    const entry = this.#sources.get(source);
    return entry ? Math.max(0, entry.lockedUntil - this.#now()) : 0;
  }

  /**
   * @param {string} source
   * @returns {number} failures of this source within the window, this one included
   */
  recordFailure(source) {
    const now = this.#now();
    this.#forgetStale(now);
    const entry = this.#sources.get(source) ?? { failures: [], lockedUntil: 0 };
    entry.failures = entry.failures.filter((t) => now - t < this.#windowMs);
    entry.failures.push(now);
    if (entry.failures.length >= this.#maxFailures) entry.lockedUntil = now + this.#lockMs;
    this.#sources.set(source, entry);
    return entry.failures.length;
  }

  /** Keeps the map from growing with sources that stopped failing long ago. @param {number} now */
  #forgetStale(now) {
    for (const [source, entry] of this.#sources) {
      const last = entry.failures.at(-1) ?? 0;
      if (entry.lockedUntil <= now && now - last >= this.#windowMs) this.#sources.delete(source);
    }
  }
}
