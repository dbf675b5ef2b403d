import { describe, expect, it } from 'vitest';
import { MatchList } from '../../../../src/lib/search/match-list';

describe('MatchList', () => {
  it('grows as matches arrive and finds the position of any seq', () => {
    const list = new MatchList();
    list.append(Uint32Array.from([2, 4, 6]));
    list.append(Uint32Array.from(Array.from({ length: 2000 }, (_, i) => 10 + i * 3)));
    expect(list.length).toBe(2003);
    expect(list.seqAt(3)).toBe(10);
    expect(list.positionOf(4)).toBe(1);
    expect(list.positionOf(5)).toBe(2);
    expect(list.positionOf(1_000_000)).toBe(2003);
  });

  it('takes matches one at a time past its first capacity, and copies out exactly those it holds', () => {
    const list = new MatchList();
    for (let seq = 0; seq < 3000; seq += 2) list.push(seq);
    const copy = list.toArray();
    expect(copy).toHaveLength(1500);
    expect(copy[1499]).toBe(2998);
    list.push(5000);
    expect(copy).toHaveLength(1500);
    expect(list.positionOf(2999)).toBe(1500);
  });
});
