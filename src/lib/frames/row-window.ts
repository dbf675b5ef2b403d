/**
 * The part of a session the virtualizer sees. TanStack Virtual keeps an object per row and rebuilds them all when
 * the count changes: at ten million rows that is hundreds of megabytes, and a rebuild per refresh of a live
 * session. So it is handed a window of at most `size` rows, [base, base + count), which moves with the scroll
 * position; its count only changes while the session is smaller than the window.
 */
export class RowWindow {
  readonly size: number;
  #base = 0;
  #length = 0;

  constructor(size = 20_000) {
    this.size = size;
  }

  /** The session row the window starts at. */
  get base(): number {
    return this.#base;
  }

  /** Rows in the window. */
  get count(): number {
    return Math.min(this.#length, this.size);
  }

  setLength(length: number): void {
    this.#length = length;
    this.#base = Math.max(0, Math.min(this.#base, length - this.count));
  }

  /**
   * Keeps `row` (the first one on screen) well inside the window: when it comes within a quarter of the window's
   * edge, the window is centred on it. Returns whether the window moved.
   */
  follow(row: number): boolean {
    const count = this.count;
    const margin = this.size / 4;
    const nearStart = row - this.#base < margin && this.#base > 0;
    const nearEnd = this.#base + count - row < margin && this.#base + count < this.#length;
    if (!nearStart && !nearEnd) return false;
    const base = Math.max(0, Math.min(Math.floor(row - this.size / 2), this.#length - count));
    if (base === this.#base) return false;
    this.#base = base;
    return true;
  }
}
