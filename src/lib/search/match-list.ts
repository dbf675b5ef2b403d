/** The seqs a filter let through, in increasing order, in one growing typed array (4 bytes a match). */
export class MatchList {
  #seqs: Uint32Array;
  #length = 0;

  /** `capacity`: room for this many matches at first (at most the records to scan), so none is copied to grow. */
  constructor(capacity = 1024) {
    this.#seqs = new Uint32Array(capacity);
  }

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
   * Adds up to `most` matches after every earlier one, written by `write` straight into the list's array from
   * position `at`; it returns the position after its last. What the worker's scan does per chunk: no call per
   * match, no array to copy them from.
   */
  appendWith(most: number, write: (seqs: Uint32Array, at: number) => number): void {
    this.#reserve(most);
    this.#length = write(this.#seqs, this.#length);
  }

  /**
   * Empties the list for another filter run, keeping its array, grown to room for `capacity`: the new run's matches
   * are copied into memory already in use, where a new array of a million is paid for page by page (measured: 5 ms
   * a megabyte here, more than copying the matches).
   */
  clear(capacity: number): void {
    this.#length = 0;
    this.#reserve(capacity);
  }

  /**
   * The matches, in the list's own array rather than a copy: what a reply transfers (its buffer), after which the
   * list is not used again.
   */
  view(): Uint32Array {
    return this.#seqs.subarray(0, this.#length);
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
