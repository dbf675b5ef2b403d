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

  it('takes matches written into its own array past its first capacity, and shows exactly those it holds', () => {
    const list = new MatchList(4);
    for (let first = 0; first < 3000; first += 100) {
      list.appendWith(100, (seqs, at) => {
        let end = at;
        for (let seq = first; seq < first + 100; seq += 2) seqs[end++] = seq;
        return end;
      });
    }
    const view = list.view();
    expect(view).toHaveLength(1500);
    expect(view[1499]).toBe(2998);
    expect(list.positionOf(2999)).toBe(1500);
  });

  it('empties for another run, keeping room for as many as asked', () => {
    const list = new MatchList();
    list.append(Uint32Array.from([1, 2, 3]));
    list.clear(5000);
    expect(list.length).toBe(0);
    expect(list.positionOf(2)).toBe(0);
    list.append(Uint32Array.from([7]));
    expect([...list.view()]).toEqual([7]);
  });
});
