import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FramesDb } from '../../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import { ChunkBuilder, recordAt } from '../../../../src/lib/record/chunk';
import { emptyTotals } from '../../../../src/lib/model/totals';

let dbCount = 0;
/** The wall clock storage stamps each head with. */
const WRITTEN_AT = 1_700_000_000_000;
const freshFrames = () => new FramesDb(new KeyvalStore(`frames-${++dbCount}`, 'frames'), () => WRITTEN_AT);

function chunk(firstSeq: number, count: number) {
  const builder = new ChunkBuilder(firstSeq);
  for (let i = 0; i < count; i++) {
    builder.append({ kind: 'text', dir: 'in', t: firstSeq + i, text: `#${firstSeq + i}`, size: 2 });
  }
  return builder.snapshot();
}

describe('FramesDb', () => {
  it('writes chunks with their head, stamped with the wall clock, and reads them back by key, per session', async () => {
    const frames = freshFrames();
    const head = { lastSeq: 5, totals: { ...emptyTotals(), records: 6 }, flushedAt: 123 };
    await frames.write('a', [chunk(0, 3), chunk(3, 3)], head);
    await frames.write('b', [chunk(0, 1)], { ...head, lastSeq: 0 });

    expect(await frames.head('a')).toEqual({ ...head, writtenAt: WRITTEN_AT });
    expect(await frames.chunkStarts('a')).toEqual([0, 3]);
    expect(await frames.chunkStarts('b')).toEqual([0]);
    const read = await frames.chunk('a', 3);
    expect(read && recordAt(read, 2)).toMatchObject({ seq: 5, text: '#5' });
  });

  it('deletes one session whole and leaves the others', async () => {
    const frames = freshFrames();
    const head = { lastSeq: 0, totals: emptyTotals(), flushedAt: 0 };
    await frames.write('a', [chunk(0, 1), chunk(1, 1)], head);
    await frames.write('ab', [chunk(0, 1)], head);
    await frames.delete('a');
    expect(await frames.head('a')).toBeUndefined();
    expect(await frames.chunkStarts('a')).toEqual([]);
    expect(await frames.chunkStarts('ab')).toEqual([0]);
  });

  it('reads the chunks between two starts in one request, in order, and only that session’s', async () => {
    const frames = freshFrames();
    const head = { lastSeq: 3, totals: emptyTotals(), flushedAt: 0 };
    await frames.write('a', [chunk(0, 1), chunk(1, 2), chunk(3, 1)], head);
    await frames.write('a2', [chunk(0, 1)], head);

    expect((await frames.chunksBetween('a', 1, 3)).map((c) => [c.firstSeq, c.count])).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect((await frames.chunksBetween('a', 0, 0)).map((c) => c.firstSeq)).toEqual([0]);
    expect(await frames.chunksBetween('a', 4, 9)).toEqual([]);
  });

  it('a chunk written whole replaces the pieces it was stored in, and no chunk after it', async () => {
    const frames = freshFrames();
    const head = { lastSeq: 9, totals: emptyTotals(), flushedAt: 0 };
    await frames.write('a', [chunk(0, 2), chunk(2, 1), chunk(3, 2), chunk(5, 5)], head);
    await frames.write('a', [chunk(0, 5)], head);
    expect(await frames.chunkStarts('a')).toEqual([0, 5]);
    const whole = await frames.chunk('a', 0);
    expect(whole && recordAt(whole, 4)).toMatchObject({ seq: 4, text: '#4' });
  });

  it('reads a piece listed by a reader and since written whole from the chunk that holds it now', async () => {
    const frames = freshFrames();
    const head = { lastSeq: 5, totals: emptyTotals(), flushedAt: 0 };
    await frames.write('a', [chunk(0, 2), chunk(2, 1), chunk(3, 2)], head);
    await frames.write('a', [chunk(0, 6)], head);

    const seqs = (c: Parameters<typeof recordAt>[0] | undefined) =>
      c ? Array.from({ length: c.count }, (_, i) => recordAt(c, i).seq) : undefined;
    expect(seqs(await frames.chunk('a', 2, 3))).toEqual([2]);
    expect(seqs(await frames.chunk('a', 0, 2))).toEqual([0, 1]);
    expect(seqs(await frames.chunk('a', 3))).toEqual([3, 4, 5]);
    expect(await frames.chunk('a', 6)).toBeUndefined();
  });

  it('reports a damaged chunk instead of trusting it', async () => {
    const store = new KeyvalStore(`frames-${++dbCount}`, 'frames');
    const frames = new FramesDb(store);
    const { set } = await import('idb-keyval');
    await set(['a', 0], { v: 1, firstSeq: 0 }, store.use);
    await expect(frames.chunk('a', 0)).rejects.toThrow(/damaged/);
    await expect(frames.chunksBetween('a', 0, 10)).rejects.toThrow(/damaged/);
  });

  it('works again after the connection is reopened', async () => {
    const store = new KeyvalStore(`frames-${++dbCount}`, 'frames');
    const frames = new FramesDb(store);
    await frames.write('a', [chunk(0, 1)], { lastSeq: 0, totals: emptyTotals(), flushedAt: 0 });
    await frames.reopen();
    expect(await frames.chunkStarts('a')).toEqual([0]);
  });
});
