import { describe, expect, it } from 'vitest';
import { RowWindow } from '../../../../src/lib/frames/row-window';

describe('RowWindow', () => {
  it('is the whole session while the session is small', () => {
    const window = new RowWindow(100);
    window.setLength(40);
    expect([window.base, window.count]).toEqual([0, 40]);
    expect(window.follow(39)).toBe(false);
  });

  it('moves with the rows on screen, centred, and never past the ends', () => {
    const window = new RowWindow(100);
    window.setLength(10_000_000);
    expect(window.count).toBe(100);
    expect(window.follow(10)).toBe(false);
    expect(window.follow(80)).toBe(true);
    expect(window.base).toBe(30);
    expect(window.follow(9_999_990)).toBe(true);
    expect(window.base).toBe(10_000_000 - 100);
    expect(window.follow(5_000_000)).toBe(true);
    expect(window.base).toBe(4_999_950);
    window.setLength(1000);
    expect(window.base).toBe(900);
  });
});
