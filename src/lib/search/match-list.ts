/** The seqs a filter let through, in increasing order, in one growing typed array (4 bytes a match). */
export class MatchList {
  #seqs = new Uint32Array(1024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** Adds matches found after every earlier one. */
  append(seqs: Uint32Array): void {
    if (this.#length + seqs.length > this.#seqs.length) {
      const grown = new Uint32Array(Math.max(this.#seqs.length * 2, this.#length + seqs.length));
      grown.set(this.#seqs.subarray(0, this.#length));
      this.#seqs = grown;
    }
    this.#seqs.set(seqs, this.#length);
    this.#length += seqs.length;
  }

  seqAt(position: number): number {
    return this.#seqs[position] ?? -1;
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
