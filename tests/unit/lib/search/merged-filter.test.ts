import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../../../src/lib/model/frame';
import type { MergedRows } from '../../../../src/lib/search/merged-filter';
import { MergedFilter, searchedText } from '../../../../src/lib/search/merged-filter';

/** Merged rows the test grows, some of them still being read, and a defer the test runs by hand. */
function rows(texts: string[]) {
  const listeners = new Set<() => void>();
  const records: FrameRecord[] = texts.map((text, seq) => ({
    kind: 'text',
    dir: 'in',
    seq,
    t: seq,
    text,
    size: 1,
  }));
  const unread = new Set<number>();
  const merged: MergedRows = {
    get length() {
      return records.length;
    },
    at: (position) => (unread.has(position) ? undefined : { record: records[position]!, from: position % 2 }),
    failure: () => undefined,
    on: (_type, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const pending: (() => void)[] = [];
  return {
    merged,
    unread,
    defer: (run: () => void) => pending.push(run),
    run: () => {
      while (pending.length > 0) pending.shift()?.();
    },
    add: (text: string) => {
      records.push({ kind: 'text', dir: 'in', seq: records.length, t: records.length, text, size: 1 });
      for (const listener of listeners) listener();
    },
    read: (position: number) => {
      unread.delete(position);
      for (const listener of listeners) listener();
    },
  };
}

const positions = (filter: MergedFilter) =>
  Array.from({ length: filter.length }, (_, i) => filter.position(i));

describe('MergedFilter', () => {
  it('keeps the rows holding the text, any case, in merged order, and those merged later', () => {
    const source = rows(['Alpha', 'beta', 'ALPHABET', 'gamma']);
    const filter = new MergedFilter(source.merged, 'alpha', source.defer);
    source.run();
    expect(positions(filter)).toEqual([0, 2]);
    expect(filter.indexOf(2)).toBe(1);
    expect(filter.indexOf(1)).toBe(-1);
    source.add('no');
    source.add('alpha again');
    source.run();
    expect(positions(filter)).toEqual([0, 2, 5]);
    expect(filter.scanning).toBe(false);
  });

  it('waits at a row still being read rather than skip it', () => {
    const source = rows(['alpha', 'alpha', 'alpha']);
    source.unread.add(1);
    const filter = new MergedFilter(source.merged, 'alpha', source.defer);
    source.run();
    expect(positions(filter)).toEqual([0]);
    expect(filter.scanning).toBe(true);
    source.read(1);
    source.run();
    expect(positions(filter)).toEqual([0, 1, 2]);
  });

  it('stops when disposed', () => {
    const source = rows(['alpha']);
    const filter = new MergedFilter(source.merged, 'alpha', source.defer);
    filter.dispose();
    source.run();
    expect(filter.length).toBe(0);
  });

  it('searches binary frames as UTF-8 and events by their words', () => {
    const bytes = new TextEncoder().encode('hello bytes');
    expect(searchedText({ kind: 'binary', dir: 'in', seq: 0, t: 0, bytes, size: bytes.length })).toBe(
      'hello bytes',
    );
    expect(searchedText({ kind: 'close', seq: 0, t: 0, code: 4000, reason: 'no pong', wasClean: true })).toBe(
      'close 4000 no pong',
    );
  });
});
