import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StoredImport, WRITE_BATCH_LIMITS } from '../../../../src/lib/import/stored-import';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import type { SessionHead } from '../../../../src/lib/model/session';
import { FramesDb } from '../../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import { SessionsDb } from '../../../../src/lib/persist/sessions-db';
import type { StoredChunk } from '../../../../src/lib/record/chunk';

/** The real frames database on fake-indexeddb, noting how many records each write had saved by then. */
class WatchedFramesDb extends FramesDb {
  readonly savedAtWrite: number[] = [];

  override write(sessionId: string, chunks: StoredChunk[], head: SessionHead): Promise<void> {
    this.savedAtWrite.push(head.lastSeq + 1);
    return super.write(sessionId, chunks, head);
  }
}

let databases = 0;
function storage() {
  databases++;
  return {
    frames: new WatchedFramesDb(new KeyvalStore(`import-frames-${databases}`, 'frames')),
    sessions: new SessionsDb(new KeyvalStore(`import-sessions-${databases}`, 'sessions')),
  };
}

const noProfiles = {
  add: () => Promise.reject(new Error('no profiles here')),
  remove: () => Promise.resolve(),
};
const SESSION = {
  url: 'ws://a.test/',
  protocols: [],
  binaryType: 'arraybuffer' as const,
  startedAt: 1,
  source: 'test.wsi.jsonl (WS Inspector session)',
};

function binary(size: number, t: number): UnnumberedRecord {
  return { kind: 'binary', dir: 'in', t, bytes: new Uint8Array(size), size };
}

describe('StoredImport', () => {
  // 80 MB through fake-indexeddb's structured clone: a second or two alone, far more on a loaded machine.
  it('writes every 64 MB of payload, long before 8,192 records pile up', async () => {
    const { frames, sessions } = storage();
    const writer = await new StoredImport(frames, sessions, noProfiles).startSession(SESSION);
    const quarter = WRITE_BATCH_LIMITS.bytes / 4;
    for (let i = 0; i < 3; i++) await writer.append(binary(quarter, i));
    expect(frames.savedAtWrite).toEqual([]);
    await writer.append(binary(quarter, 3));
    expect(frames.savedAtWrite).toEqual([4]);
    await writer.append(binary(quarter, 4));
    expect(frames.savedAtWrite).toEqual([4]);
    await writer.finish(5);
    expect(frames.savedAtWrite).toEqual([4, 5]);
    expect((await sessions.get(writer.sessionId))?.totals.bytesReceived).toBe(5 * quarter);
  }, 30_000);

  it('still writes every 8,192 small records', async () => {
    const { frames, sessions } = storage();
    const writer = await new StoredImport(frames, sessions, noProfiles).startSession(SESSION);
    for (let i = 0; i < WRITE_BATCH_LIMITS.records + 10; i++) {
      await writer.append({ kind: 'text', dir: 'out', t: i, text: 'hi', size: 2 });
    }
    expect(frames.savedAtWrite).toEqual([WRITE_BATCH_LIMITS.records]);
    await writer.finish(undefined);
    expect(frames.savedAtWrite).toEqual([WRITE_BATCH_LIMITS.records, WRITE_BATCH_LIMITS.records + 10]);
  });

  it('counts the texts of events too, and starts counting again after each write', async () => {
    const { frames, sessions } = storage();
    const target = new StoredImport(frames, sessions, noProfiles, { records: 1000, bytes: 100 });
    const writer = await target.startSession(SESSION);
    await writer.append({ kind: 'note', t: 0, text: 'n'.repeat(60) });
    await writer.append({ kind: 'error', t: 1, message: 'e'.repeat(40) });
    expect(frames.savedAtWrite).toEqual([2]);
    await writer.append({ kind: 'close', t: 2, code: 4000, reason: 'r'.repeat(99), wasClean: true });
    expect(frames.savedAtWrite).toEqual([2]);
    await writer.append({ kind: 'text', dir: 'in', t: 3, text: 'x', size: 1 });
    expect(frames.savedAtWrite).toEqual([2, 4]);
  });

  it('keeps the file it came from with each session, so that importing it again can ask first', async () => {
    const { frames, sessions } = storage();
    const origin = { fingerprint: '12:abc', at: 1_767_225_600_000 };
    const stamped = await new StoredImport(
      frames,
      sessions,
      noProfiles,
      WRITE_BATCH_LIMITS,
      origin,
    ).startSession(SESSION);
    await stamped.finish(undefined);
    expect((await sessions.get(stamped.sessionId))?.imported).toEqual(origin);
    // A share link has no file: nothing is kept.
    const plain = await new StoredImport(frames, sessions, noProfiles).startSession(SESSION);
    await plain.finish(undefined);
    expect((await sessions.get(plain.sessionId))?.imported).toBeUndefined();
  });
});
