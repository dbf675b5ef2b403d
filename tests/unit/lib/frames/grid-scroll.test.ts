import { describe, expect, it } from 'vitest';
import { revealTarget, TailFollow, wheelTarget } from '../../../../src/lib/frames/grid-scroll';

const ROW = 24;
const TEN_MILLION = { rowHeight: ROW, viewport: 240, virtualTotal: 10_000_000 * ROW };
const pixels = (deltaY: number) => ({ deltaY, deltaMode: 0, ctrlKey: false });

describe('wheelTarget', () => {
  it('leaves the wheel to the browser while nothing is compressed, for zooming and for sideways ticks', () => {
    expect(wheelTarget(pixels(100), 1, 0, TEN_MILLION)).toBeNull();
    expect(wheelTarget({ deltaY: 100, deltaMode: 0, ctrlKey: true }, 30, 0, TEN_MILLION)).toBeNull();
    expect(wheelTarget(pixels(0), 30, 0, TEN_MILLION)).toBeNull();
  });

  it('moves a compressed grid by the tick in virtual pixels, not the ratio times more', () => {
    expect(wheelTarget(pixels(100), 30, 48_000, TEN_MILLION)).toBe(48_100);
    expect(wheelTarget(pixels(-100), 30, 48_000, TEN_MILLION)).toBe(47_900);
  });

  it('counts line ticks in rows and page ticks in screens', () => {
    expect(wheelTarget({ deltaY: 3, deltaMode: 1, ctrlKey: false }, 30, 0, TEN_MILLION)).toBe(3 * ROW);
    expect(wheelTarget({ deltaY: 1, deltaMode: 2, ctrlKey: false }, 30, 0, TEN_MILLION)).toBe(240);
  });

  it('stops at either end', () => {
    expect(wheelTarget(pixels(-100), 30, 50, TEN_MILLION)).toBe(0);
    const last = TEN_MILLION.virtualTotal - TEN_MILLION.viewport;
    expect(wheelTarget(pixels(100), 30, last - 10, TEN_MILLION)).toBe(last);
  });
});

describe('revealTarget', () => {
  it('centres a row, never above the top', () => {
    expect(revealTarget(5_000_000, 'center', 0, 240, ROW)).toBe(5_000_000 * ROW - 108);
    expect(revealTarget(1, 'center', 9_000, 240, ROW)).toBe(0);
  });

  it('moves the least that brings a row into view, past any compressed height', () => {
    expect(revealTarget(9_999_999, 'nearest', 0, 240, ROW)).toBe(10_000_000 * ROW - 240);
    expect(revealTarget(10, 'nearest', 24_000, 240, ROW)).toBe(240);
    expect(revealTarget(1_003, 'nearest', 24_000, 240, ROW)).toBe(24_000);
  });
});

describe('TailFollow', () => {
  it('follows at the bottom and stops when scrolled up', () => {
    const tail = new TailFollow(ROW);
    expect(tail.scrolled(760, 1_000, 240)).toBe(true);
    expect(tail.scrolled(700, 1_000, 240)).toBe(false);
    expect(tail.scrolled(710, 1_000, 240)).toBeNull();
  });

  it('keeps following when the grid gets shorter without moving up', () => {
    const tail = new TailFollow(ROW);
    expect(tail.scrolled(760, 1_000, 240)).toBe(true);
    // 40 px shorter: the scroll offset grows to keep the bottom in view, so the bottom is still reached.
    expect(tail.scrolled(800, 1_000, 200)).toBe(true);
    // Taller, and the browser clamps scrollTop a fraction lower: not a scroll up.
    expect(tail.scrolled(799.5, 1_100, 200)).toBeNull();
  });

  it("takes the grid's own scrolls for nobody's: the tail scroll's event after a click does not follow again", () => {
    const tail = new TailFollow(ROW);
    // Following: the grid scrolled itself to the bottom; then a click stopped following, before the event came.
    tail.scrolledBySelf(760);
    expect(tail.scrolled(760, 1_000, 240)).toBeNull();
    // The person's own scroll to the bottom still starts following.
    expect(tail.scrolled(700, 1_000, 240)).toBe(false);
    expect(tail.scrolled(760, 1_000, 240)).toBe(true);
  });

  it("forgets its own scroll once an event has come, so the next is the person's", () => {
    const tail = new TailFollow(ROW);
    tail.scrolledBySelf(400);
    expect(tail.scrolled(600, 1_000, 240)).toBeNull();
    expect(tail.scrolled(760, 1_000, 240)).toBe(true);
  });
});
