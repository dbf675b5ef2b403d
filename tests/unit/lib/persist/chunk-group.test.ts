import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FramesDb } from '../../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import type { ChunkColumns } from '../../../../src/lib/record/chunk';
import { ChunkBuilder, recordAt } from '../../../../src/lib/record/chunk';
import { emptyTotals } from '../../../../src/lib/model/totals';
import { readChunkGroup } from '../../../../src/lib/persist/chunk-group';

let dbCount = 0;
const freshFrames = () => new FramesDb(new KeyvalStore(`chunk-group-${++dbCount}`, 'frames'));
const head = { lastSeq: 5, totals: emptyTotals(), flushedAt: 0 };

function chunk(firstSeq: number, count: number) {
  const builder = new ChunkBuilder(firstSeq);
  for (let i = 0; i < count; i++)
    builder.append({ kind: 'text', dir: 'in', t: i, text: `#${firstSeq + i}`, size: 2 });
  return builder.snapshot();
}
const seqs = (c: ChunkColumns | undefined) =>
  c ? Array.from({ length: c.count }, (_, i) => recordAt(c, i).seq) : undefined;

describe('readChunkGroup', () => {
  it('reads the chunks at side-by-side starts, in order, and only that session’s', async () => {
    const frames = freshFrames();
    await frames.write('a', [chunk(0, 1), chunk(1, 2), chunk(3, 1)], head);
    await frames.write('a2', [chunk(0, 1)], head);
    expect((await readChunkGroup(frames, 'a', [1, 3], Infinity)).map(seqs)).toEqual([[1, 2], [3]]);
    expect((await readChunkGroup(frames, 'a', [0], 1)).map(seqs)).toEqual([[0]]);
    expect(await readChunkGroup(frames, 'a', [4, 9], Infinity)).toEqual([undefined, undefined]);
  });

  it('reads each record once when the pieces listed were since written whole', async () => {
    const frames = freshFrames();
    await frames.write('a', [chunk(0, 2), chunk(2, 1), chunk(3, 2)], head);
    const listed = await frames.chunkStarts('a');
    expect(listed).toEqual([0, 2, 3]);
    await frames.write('a', [chunk(0, 6)], head);
    expect((await readChunkGroup(frames, 'a', listed, Infinity)).map(seqs)).toEqual([[0, 1], [2], [3, 4, 5]]);
    expect((await readChunkGroup(frames, 'a', [0, 2], 3)).map(seqs)).toEqual([[0, 1], [2]]);
  });
});
