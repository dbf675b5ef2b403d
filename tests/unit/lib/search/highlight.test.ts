import { describe, expect, it } from 'vitest';
import { findAll, segments } from '../../../../src/lib/search/highlight';

describe('highlighting', () => {
  it('finds literal matches without overlaps, case-insensitively unless asked', () => {
    expect(findAll('aAaa', 'aa', false)).toEqual([0, 2]);
    expect(findAll('aAaa', 'aa', true)).toEqual([2]);
    expect(findAll('abc', '', false)).toEqual([]);
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
