/**
 * Browsers cap how tall an element can be (about 16.7 million px in Chromium, 17.9 million in Firefox), so a list
 * of 24 px rows stops near 700,000 rows. Past this height the scroll area is compressed: the scrollbar spans the
 * whole session, and a physical scroll offset maps linearly to a virtual one, end to end.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export class ScaledScroll {
  #virtualTotal = 0;
  #viewport = 0;
  /** The last offset asked for, so reading it back is exact despite the browser rounding scrollTop. */
  #requested: { virtual: number; physical: number } | null = null;

  /** The size of everything, and of the visible part, both in CSS pixels. */
  update(virtualTotal: number, viewport: number): void {
    if (virtualTotal === this.#virtualTotal && viewport === this.#viewport) return;
    this.#virtualTotal = virtualTotal;
    this.#viewport = viewport;
    this.#requested = null;
  }

  /** The height the scrolled element really gets. */
  get physicalTotal(): number {
    return Math.min(this.#virtualTotal, MAX_SCROLL_HEIGHT);
  }

  /** Virtual pixels per physical pixel of scrolling: 1 until the cap is reached. */
  get ratio(): number {
    const physicalRange = this.physicalTotal - this.#viewport;
    const virtualRange = this.#virtualTotal - this.#viewport;
    return physicalRange > 0 && virtualRange > physicalRange ? virtualRange / physicalRange : 1;
  }

  toVirtual(physical: number): number {
    if (this.#requested && Math.abs(physical - this.#requested.physical) < 1) return this.#requested.virtual;
    return physical * this.ratio;
  }

  /** For scrolling to a virtual offset: the physical offset to set. */
  toPhysical(virtual: number): number {
    const physical = virtual / this.ratio;
    this.#requested = { virtual, physical };
    return physical;
  }

  /** Where a row that starts at `virtualStart` sits in the scrolled element, given the virtual scroll offset. */
  rowTop(virtualStart: number, virtualOffset: number): number {
    return virtualStart - virtualOffset + virtualOffset / this.ratio;
  }
}

/**
 * The virtual scroll offset that brings a row into view by the shortest move, or `current` when it is in view.
 * Computed here rather than by the virtualizer, which clamps to the element's (compressed) scroll height.
 */
export function offsetToReveal(rowStart: number, rowEnd: number, current: number, viewport: number): number {
  if (rowStart < current) return rowStart;
  if (rowEnd > current + viewport) return Math.max(0, rowEnd - viewport);
  return current;
}
