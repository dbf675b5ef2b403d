import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, offsetToReveal, ScaledScroll } from '../../../../src/lib/frames/scaled-scroll';

describe('ScaledScroll', () => {
  it('maps a compressed scroll range end to end, and reads back what it set exactly', () => {
    const scale = new ScaledScroll();
    const rows = 1_000_000;
    scale.update(rows * 24, 240);
    expect(scale.physicalTotal).toBe(MAX_SCROLL_HEIGHT);
    expect(scale.toVirtual(0)).toBe(0);
    expect(scale.toVirtual(MAX_SCROLL_HEIGHT - 240)).toBeCloseTo(rows * 24 - 240, 3);
    const physical = scale.toPhysical(12_345_678);
    expect(scale.toVirtual(Math.round(physical))).toBe(12_345_678);
  });

  it('leaves small lists uncompressed', () => {
    const scale = new ScaledScroll();
    scale.update(1000 * 24, 240);
    expect(scale.ratio).toBe(1);
    expect(scale.rowTop(480, 100)).toBe(480);
  });
});

describe('offsetToReveal', () => {
  it('moves the least that brings a row into view', () => {
    expect(offsetToReveal(0, 24, 500, 240)).toBe(0);
    expect(offsetToReveal(24 * 999_999, 24 * 1_000_000, 0, 155)).toBe(24 * 1_000_000 - 155);
    expect(offsetToReveal(600, 624, 500, 240)).toBe(500);
  });
});
