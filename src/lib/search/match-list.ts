/** The seqs a filter let through, in increasing order, in one growing typed array (4 bytes a match). */
export class MatchList {
  #seqs = new Uint32Array(1024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** Adds matches found after every earlier one. */
  append(seqs: Uint32Array): void {
    this.#reserve(seqs.length);
    this.#seqs.set(seqs, this.#length);
    this.#length += seqs.length;
  }

  /**
   * Adds one match after every earlier one: what the worker's scan calls per match, instead of pushing to an
   * array that must then be copied into a typed one (a third of a substring filter's time).
   */
  push(seq: number): void {
    if (this.#length === this.#seqs.length) this.#reserve(1);
    this.#seqs[this.#length++] = seq;
  }

  /** The matches, copied into an array of their own length: what a reply transfers. */
  toArray(): Uint32Array {
    return this.#seqs.slice(0, this.#length);
  }

  seqAt(position: number): number {
    return this.#seqs[position] ?? -1;
  }

  #reserve(more: number): void {
    if (this.#length + more <= this.#seqs.length) return;
    const grown = new Uint32Array(Math.max(this.#seqs.length * 2, this.#length + more));
    grown.set(this.#seqs.subarray(0, this.#length));
    this.#seqs = grown;
  }

  /** The position of the first match at or after `seq`; `length` when there is none. */
  positionOf(seq: number): number {
    let low = 0;
    let high = this.#length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#seqs[mid] as number) < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
