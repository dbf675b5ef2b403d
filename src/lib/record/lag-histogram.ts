/** Persistence lag (received → committed) in 1 ms buckets up to 10 s: constant memory at any frame rate. */
export class LagHistogram {
  static readonly MAX_MS = 10_000;
  readonly #buckets = new Uint32Array(LagHistogram.MAX_MS + 1);
  #count = 0;

  add(lagMs: number): void {
    const bucket = Math.min(LagHistogram.MAX_MS, Math.max(0, Math.ceil(lagMs)));
    this.#buckets[bucket] = (this.#buckets[bucket] as number) + 1;
    this.#count++;
  }

  get count(): number {
    return this.#count;
  }

  /** The lag (ms, rounded up) that `fraction` of the records did not exceed; 0 with no records. */
  percentile(fraction: number): number {
    if (this.#count === 0) return 0;
    const target = Math.max(1, Math.ceil(this.#count * fraction));
    let seen = 0;
    for (let ms = 0; ms < this.#buckets.length; ms++) {
      seen += this.#buckets[ms] as number;
      if (seen >= target) return ms;
    }
    return LagHistogram.MAX_MS;
  }
}
