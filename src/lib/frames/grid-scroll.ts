import { offsetToReveal } from './scaled-scroll';

/**
 * Where the grid scrolls to, in virtual pixels (every row its full height, however compressed the scrollbar is:
 * see ScaledScroll). The grid converts to and from the physical scroll offset.
 */

/** WheelEvent.deltaMode's values, named here so this module runs without a DOM. */
const DOM_DELTA_LINE = 1;
const DOM_DELTA_PAGE = 2;

/** What a wheel tick says, as WheelEvent has it. */
export interface WheelTick {
  deltaY: number;
  deltaMode: number;
  ctrlKey: boolean;
}

/** The scrolled grid's sizes, in CSS pixels. */
export interface GridSpan {
  rowHeight: number;
  /** The visible height. */
  viewport: number;
  /** The height of every row of the session. */
  virtualTotal: number;
}

/**
 * Past the height cap a wheel tick would move the compression ratio times too far (300 rows at ten million):
 * wheel scrolling is then done in virtual pixels. Returns the virtual offset the tick scrolls to, or null when the
 * browser should scroll as it does (nothing compressed, a pinch or Ctrl zoom, a sideways tick).
 */
export function wheelTarget(tick: WheelTick, ratio: number, current: number, span: GridSpan): number | null {
  if (ratio === 1 || tick.ctrlKey || tick.deltaY === 0) return null;
  const unit =
    tick.deltaMode === DOM_DELTA_LINE
      ? span.rowHeight
      : tick.deltaMode === DOM_DELTA_PAGE
        ? span.viewport
        : 1;
  const limit = span.virtualTotal - span.viewport;
  return Math.max(0, Math.min(limit, current + tick.deltaY * unit));
}

/**
 * The virtual offset that shows row `index`: in the middle of the screen ("Go to"), or by the shortest move (the
 * keyboard). Computed here rather than by the virtualizer, which clamps targets to the compressed height.
 */
export function revealTarget(
  index: number,
  align: 'nearest' | 'center',
  current: number,
  viewport: number,
  rowHeight: number,
): number {
  const start = index * rowHeight;
  return align === 'center'
    ? Math.max(0, start - (viewport - rowHeight) / 2)
    : offsetToReveal(start, start + rowHeight, current, viewport);
}

/**
 * Following stops when the person scrolls up and starts again at the bottom. A grid that gets shorter (a
 * toolbar wrapping) also fires scroll events, without moving up: those must not stop following. Nor may the grid's
 * own scrolls start it: a row clicked during a live feed stops following, and the scroll event of the grid's last
 * move to the tail, arriving after the click, must not start it again.
 */
export class TailFollow {
  readonly #rowHeight: number;
  #lastScrollTop = 0;
  /** Where the grid last scrolled itself, until its scroll event comes. */
  #ownScrollTop: number | null = null;

  constructor(rowHeight: number) {
    this.#rowHeight = rowHeight;
  }

  /** The grid scrolled itself to `scrollTop` (as the element reports it after the move). */
  scrolledBySelf(scrollTop: number): void {
    this.#ownScrollTop = scrollTop;
  }

  /** What a scroll event (the element's scrollTop, scrollHeight and clientHeight) means: follow, stop, or null for no change. */
  scrolled(scrollTop: number, scrollHeight: number, clientHeight: number): boolean | null {
    const own = this.#ownScrollTop !== null && Math.abs(scrollTop - this.#ownScrollTop) <= 1;
    this.#ownScrollTop = null;
    if (own) {
      this.#lastScrollTop = scrollTop;
      return null;
    }
    const distanceFromBottom = scrollHeight - scrollTop - clientHeight;
    const follow =
      distanceFromBottom < this.#rowHeight ? true : scrollTop < this.#lastScrollTop - 1 ? false : null;
    this.#lastScrollTop = scrollTop;
    return follow;
  }
}
