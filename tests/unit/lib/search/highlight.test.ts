import { describe, expect, it } from 'vitest';
import { findAll, MAX_MARKED, segments } from '../../../../src/lib/search/highlight';

describe('highlighting', () => {
  it('finds literal matches without overlaps, case-insensitively unless asked', () => {
    expect(findAll('aAaa', 'aa', false)).toEqual([0, 2]);
    expect(findAll('aAaa', 'aa', true)).toEqual([2]);
    expect(findAll('abc', '', false)).toEqual([]);
  });

  it('stops at the limit, in either case mode', () => {
    expect(findAll('abababab', 'ab', false, 3)).toEqual([0, 2, 4]);
    expect(findAll('abababab', 'AB', false, 3)).toEqual([0, 2, 4]);
    expect(findAll('abababab', 'ab', true, 3)).toEqual([0, 2, 4]);
    expect(findAll('abababab', 'ab', true, 0)).toEqual([]);
  });

  it('stops at the limit on a 50 MB text, however many matches it holds', () => {
    const text = 'a'.repeat(50_000_000);
    const started = performance.now();
    const found = findAll(text, 'A', false, MAX_MARKED + 1);
    const elapsed = performance.now() - started;
    expect(found).toHaveLength(MAX_MARKED + 1);
    expect(found.at(-1)).toBe(MAX_MARKED);
    // Without the limit this took seconds and gigabytes; 2 s leaves room for a loaded machine.
    expect(elapsed).toBeLessThan(2000);
  });

  it('finds matches across the windows it lower-cases, once each and without overlaps', () => {
    const window = 1 << 20;
    // One match straddles the first window's end; the other starts exactly where the third window starts.
    const text = `${'x'.repeat(window - 2)}NEEDLE${'x'.repeat(window - 4)}NEEDLE`;
    expect(findAll(text, 'needle', false)).toEqual([window - 2, 2 * window]);
    const runs = 'ab'.repeat(window);
    const found = findAll(runs, 'BA', false);
    expect(found).toHaveLength(window - 1);
    expect(found.every((at, i) => at === 2 * i + 1)).toBe(true);
    expect(findAll('aaa'.repeat(window), 'AA', false)).toHaveLength(Math.floor((3 * window) / 2));
  });

  it('cuts a text into plain pieces and numbered matches', () => {
    expect(segments('x<b>y<b>', '<b>', [1, 5])).toEqual([
      { text: 'x' },
      { text: '<b>', match: 0 },
      { text: 'y' },
      { text: '<b>', match: 1 },
    ]);
  });
});
