export type TimeMode = 'wall' | 'relative';

/**
 * How the grid shows the session: the selected row (a position among the rows shown: with a filter on, not the
 * record's seq), whether it follows new frames, how it shows time.
 */
export class FrameViewState {
  #selected = $state<number | null>(null);
  #followTail = $state(true);
  #timeMode = $state<TimeMode>('wall');
  /** The last row asked for by "go to"; a new object each time, so asking twice for one row scrolls twice. */
  #revealRequest = $state.raw<{ position: number } | null>(null);

  get selected(): number | null {
    return this.#selected;
  }

  get followTail(): boolean {
    return this.#followTail;
  }

  get timeMode(): TimeMode {
    return this.#timeMode;
  }

  get revealRequest(): { position: number } | null {
    return this.#revealRequest;
  }

  /** Selects the row at a position among those shown and brings it to the middle of the grid, leaving the tail. */
  goTo(position: number): void {
    this.#selected = position;
    this.#followTail = false;
    this.#revealRequest = { position };
  }

  /**
   * Selects a row (or none). Picking a row stops following the tail, as arrow keys and scrolling up do: otherwise
   * a row clicked during a live feed would scroll away at once, taking the person's place with it.
   */
  select(position: number | null): void {
    this.#selected = position;
    if (position !== null) this.#followTail = false;
  }

  /** Moves the selection by `delta` rows within [0, length), starting from the last row when none is selected. */
  moveSelection(delta: number, length: number): void {
    if (length === 0) return;
    const from = this.#selected ?? (delta > 0 ? -1 : length);
    this.#selected = Math.min(length - 1, Math.max(0, from + delta));
    this.#followTail = this.#selected === length - 1;
  }

  setFollowTail(follow: boolean): void {
    this.#followTail = follow;
  }

  setTimeMode(mode: TimeMode): void {
    this.#timeMode = mode;
  }

  /** A new session starts at its first frame with nothing selected. */
  reset(): void {
    this.#selected = null;
    this.#followTail = true;
    this.#revealRequest = null;
  }
}
