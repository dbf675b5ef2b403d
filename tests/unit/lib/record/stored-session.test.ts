import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FramesDb } from '../../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import { ChunkBuilder, recordAt } from '../../../../src/lib/record/chunk';
import { StoredSession } from '../../../../src/lib/record/stored-session';
import { emptyTotals } from '../../../../src/lib/model/totals';

function chunk(firstSeq: number, count: number) {
  const builder = new ChunkBuilder(firstSeq);
  for (let i = 0; i < count; i++)
    builder.append({ kind: 'text', dir: 'in', t: i, text: `#${firstSeq + i}`, size: 2 });
  return builder.snapshot();
}

describe('StoredSession', () => {
  it('opened while another tab records, reads every record once after the pieces it listed are written whole', async () => {
    const frames = new FramesDb(new KeyvalStore('stored-session-pieces', 'frames'));
    const head = { lastSeq: 5, totals: { ...emptyTotals(), records: 6 }, flushedAt: 0 };
    // The open chunk, stored in pieces as the recording tab flushed.
    await frames.write('s', [chunk(0, 2), chunk(2, 1), chunk(3, 3)], head);
    const session = await StoredSession.open('s', frames);
    expect(session.chunkStarts()).toEqual([0, 2, 3]);
    // The chunk closes in the recording tab: written whole, its pieces gone.
    await frames.write('s', [chunk(0, 8)], { ...head, lastSeq: 7 });

    const seqs: number[] = [];
    for await (const read of session.chunks())
      for (let i = 0; i < read.count; i++) seqs.push(recordAt(read, i).seq);
    // The last chunk listed reads on to the end of the whole chunk: the session grew since it was opened.
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(session.at(2)).toBeUndefined();
    await expect.poll(() => session.at(2)?.seq).toBe(2);
    expect(session.failure(2)).toBeUndefined();
  });
});
