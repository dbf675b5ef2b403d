import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../../../src/lib/model/frame';
import type { FrameSource } from '../../../../src/lib/record/frame-source';
import { EMPTY_SOURCE } from '../../../../src/lib/record/frame-source';
import { MergedFrames } from '../../../../src/lib/record/merged-frames';

/** A source over records in memory that grows on demand, some of whose records can be "still being read". */
function source(times: number[]) {
  const records: FrameRecord[] = [];
  const listeners = new Set<() => void>();
  const unread = new Set<number>();
  const failed = new Map<number, string>();
  const add = (t: number) =>
    records.push({ seq: records.length, t, kind: 'text', dir: 'in', text: `at ${t}`, size: 4 });
  times.forEach(add);
  const frames: FrameSource = {
    ...EMPTY_SOURCE,
    get length() {
      return records.length;
    },
    at: (seq) => (unread.has(seq) ? undefined : records[seq]),
    failure: (seq) => failed.get(seq),
    on: (_type, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const changed = () => {
    for (const listener of listeners) listener();
  };
  return {
    frames,
    listeners,
    unread,
    failed,
    changed,
    receive(t: number) {
      add(t);
      changed();
    },
  };
}

/** Runs deferred merges at once, as often as asked: the tests step through them. */
function manualDefer() {
  const queue: (() => void)[] = [];
  return {
    defer: (run: () => void) => queue.push(run),
    run: () => {
      while (queue.length > 0) queue.shift()?.();
    },
  };
}

const rows = (merged: MergedFrames) =>
  Array.from({ length: merged.length }, (_, i) => {
    const row = merged.at(i);
    return row ? [row.from, row.record.t] : null;
  });

describe('MergedFrames', () => {
  it('merges several sessions into one sequence in time order, saying where each record came from', () => {
    const a = source([1, 4, 5]);
    const b = source([2, 3, 6]);
    const clock = manualDefer();
    const merged = new MergedFrames([a.frames, b.frames], clock.defer);
    expect(merged.length).toBe(0);
    clock.run();
    expect(rows(merged)).toEqual([
      [0, 1],
      [1, 2],
      [1, 3],
      [0, 4],
      [0, 5],
      [1, 6],
    ]);
    expect(merged.at(6)).toBeUndefined();
    expect(merged.at(-1)).toBeUndefined();
  });

  it('merges records as live sources receive them, and tells its view', () => {
    const a = source([1]);
    const b = source([]);
    const clock = manualDefer();
    const merged = new MergedFrames([a.frames, b.frames], clock.defer);
    let told = 0;
    merged.on('changed', () => told++);
    clock.run();
    b.receive(2);
    a.receive(3);
    b.receive(4);
    clock.run();
    expect(rows(merged)).toEqual([
      [0, 1],
      [1, 2],
      [0, 3],
      [1, 4],
    ]);
    expect(told).toBe(2);
  });

  it('waits for a record still being read rather than put a later one before it', () => {
    const a = source([1, 3]);
    const b = source([2]);
    a.unread.add(1);
    const clock = manualDefer();
    const merged = new MergedFrames([a.frames, b.frames], clock.defer);
    clock.run();
    // b's record at 2 may not come first: a's next one might be earlier, and is not known yet.
    expect(rows(merged)).toEqual([[0, 1]]);
    // The chunk was read: the source says so, and the merge goes on.
    a.unread.delete(1);
    a.changed();
    clock.run();
    expect(rows(merged)).toEqual([
      [0, 1],
      [1, 2],
      [0, 3],
    ]);
  });

  it('merges a record that cannot be read where it is met, with its failure, instead of holding up the rest', () => {
    const a = source([5, 6]);
    const b = source([1]);
    a.unread.add(0);
    a.failed.set(0, 'the chunk is corrupt');
    const clock = manualDefer();
    const merged = new MergedFrames([a.frames, b.frames], clock.defer);
    clock.run();
    expect(merged.length).toBe(3);
    expect(merged.at(0)).toBeUndefined();
    expect(merged.failure(0)).toBe('the chunk is corrupt');
    expect(rows(merged).slice(1)).toEqual([
      [1, 1],
      [0, 6],
    ]);
  });

  it('merges a large session in batches, leaving the page a turn between them', () => {
    const a = source(Array.from({ length: 50_000 }, (_, i) => i));
    const clock = manualDefer();
    const merged = new MergedFrames([a.frames], clock.defer);
    let batches = 0;
    merged.on('changed', () => batches++);
    clock.run();
    expect(merged.length).toBe(50_000);
    expect(batches).toBe(3);
    expect(merged.at(49_999)?.record.t).toBe(49_999);
  });

  it('stops listening when disposed', () => {
    const a = source([1]);
    const clock = manualDefer();
    const merged = new MergedFrames([a.frames], clock.defer);
    merged.dispose();
    expect(a.listeners.size).toBe(0);
    clock.run();
    expect(merged.length).toBe(0);
  });
});
