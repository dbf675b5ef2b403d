import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FramesDb } from '../../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import { ORPHAN_GRACE_MS, sweepOrphans } from '../../../../src/lib/persist/orphan-sweep';
import { SessionsDb } from '../../../../src/lib/persist/sessions-db';
import type { SessionMeta } from '../../../../src/lib/model/session';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { emptyTotals } from '../../../../src/lib/model/totals';

let dbCount = 0;
const PAGE_START = 1_000_000_000;
const LONG_AGO = PAGE_START - ORPHAN_GRACE_MS - 1;

/** The wall clock the frames database stamps its writes with; writeChunks sets it. */
let wallClock = 0;

function stores() {
  dbCount++;
  return {
    frames: new FramesDb(new KeyvalStore(`sweep-frames-${dbCount}`, 'frames'), () => wallClock),
    sessions: new SessionsDb(new KeyvalStore(`sweep-sessions-${dbCount}`, 'sessions')),
  };
}

/**
 * Two chunks of `bytes`-byte messages, written at `writtenAt` on the wall clock and, unless told otherwise,
 * flushed at the same time on the writer's clock.
 */
async function writeChunks(
  frames: FramesDb,
  id: string,
  writtenAt: number,
  bytes = 100,
  flushedAt = writtenAt,
): Promise<void> {
  const chunks = [0, 2].map((first) => {
    const builder = new ChunkBuilder(first);
    for (let seq = first; seq < first + 2; seq++)
      builder.append({ kind: 'text', dir: 'in', t: seq, text: 'x'.repeat(bytes), size: bytes });
    return builder.snapshot();
  });
  const totals = { ...emptyTotals(), records: 4, received: 4, bytesReceived: 4 * bytes };
  wallClock = writtenAt;
  await frames.write(id, chunks, { lastSeq: 3, totals, flushedAt });
}

function meta(id: string, status: SessionMeta['status'], startedAt = LONG_AGO): SessionMeta {
  return {
    id,
    url: 'ws://x',
    protocols: [],
    binaryType: 'arraybuffer',
    startedAt,
    status,
    totals: emptyTotals(),
  };
}

function sweep(frames: FramesDb, sessions: SessionsDb, recording: string[] = []) {
  return sweepOrphans({
    frames,
    listed: () => sessions.list(),
    recordingNow: () => Promise.resolve(new Set(recording)),
    pageStart: PAGE_START,
  });
}

describe('sweepOrphans', () => {
  it('lists each stored session once, whatever its number of chunks', async () => {
    const { frames } = stores();
    await writeChunks(frames, 'b', 1);
    await writeChunks(frames, 'a', 1);
    await writeChunks(frames, 'ab', 1);
    expect(await frames.sessionIds()).toEqual(['a', 'ab', 'b']);
  });

  it('deletes old chunks no session lists, and says how much they held', async () => {
    const { frames, sessions } = stores();
    await writeChunks(frames, 'orphan', LONG_AGO, 1000);
    await writeChunks(frames, 'kept', LONG_AGO);
    await sessions.put(meta('kept', 'closed'));

    const result = await sweep(frames, sessions);

    expect(result).toEqual({ sessions: 1, bytes: 4 * 1000 + 4 * 16 });
    expect(await frames.sessionIds()).toEqual(['kept']);
    expect(await frames.chunkStarts('kept')).toEqual([0, 2]);
  });

  it('keeps chunks written lately: an import in another tab may still be under way', async () => {
    const { frames, sessions } = stores();
    await writeChunks(frames, 'recent', PAGE_START - ORPHAN_GRACE_MS + 1);
    expect(await sweep(frames, sessions)).toEqual({ sessions: 0, bytes: 0 });
    expect(await frames.sessionIds()).toEqual(['recent']);
  });

  it('goes by when the chunks were written, not by their record times: an import writes old times now', async () => {
    const { frames, sessions } = stores();
    await writeChunks(frames, 'importing', PAGE_START, 100, LONG_AGO - 5);
    expect(await sweep(frames, sessions)).toEqual({ sessions: 0, bytes: 0 });
    expect((await frames.head('importing'))?.writtenAt).toBe(PAGE_START);
  });

  it('never touches a session recording in some tab, listed or not yet', async () => {
    const { frames, sessions } = stores();
    await writeChunks(frames, 'unlisted-recording', LONG_AGO - 5);
    expect(await sweep(frames, sessions, ['unlisted-recording'])).toEqual({ sessions: 0, bytes: 0 });
    expect(await frames.sessionIds()).toEqual(['unlisted-recording']);
  });

  it('keeps unlisted chunks written after a live recording started', async () => {
    const { frames, sessions } = stores();
    const liveStart = LONG_AGO - 1000;
    await sessions.put(meta('live', 'recording', liveStart));
    await writeChunks(frames, 'live', LONG_AGO);
    await writeChunks(frames, 'after-live-start', liveStart + 1);
    await writeChunks(frames, 'before-live-start', liveStart - 1);

    expect((await sweep(frames, sessions, ['live'])).sessions).toBe(1);
    expect(await frames.sessionIds()).toEqual(['after-live-start', 'live']);
  });
});
