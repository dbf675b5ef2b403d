import { describe, expect, it } from 'vitest';
import type { SessionMeta } from '../../../src/lib/model/session';
import { emptyTotals } from '../../../src/lib/model/totals';
import { SessionListState } from '../../../src/state/session-list.svelte';
import type { Storage } from './live-harness';
import { ECHO, freshStorage, liveSessions } from './live-harness';

function meta(id: string, status: SessionMeta['status'] = 'closed', startedAt = 1000): SessionMeta {
  return {
    id,
    url: ECHO.url,
    protocols: [],
    binaryType: 'arraybuffer',
    startedAt,
    status,
    totals: emptyTotals(),
  };
}

/** The list over `storage`, with `here` the sessions this tab records and `alive` those any tab records. */
function list(storage: Storage, here: string[] = [], alive: string[] = here) {
  return new SessionListState(
    { ...storage, recordingNow: () => Promise.resolve(new Set(alive)) },
    () => new Set(here),
  );
}

describe('SessionListState', () => {
  it('marks a session left recording, whose lock nobody holds, interrupted with what it saved', async () => {
    const storage = freshStorage();
    const { create, socket } = liveSessions(storage);
    // A tab that recorded two frames, saved them, and was gone before it could close the session.
    const crashed = create();
    crashed.connect(ECHO);
    socket().open();
    socket().receive('one');
    socket().receive('two');
    const id = crashed.meta?.id ?? '';
    await expect.poll(async () => (await storage.sessionsDb.get(id))?.status).toBe('recording');
    await crashed.flush();
    const head = await storage.frames.head(id);
    expect(head?.flushedAt).toEqual(expect.any(Number));
    await storage.sessionsDb.put(meta('elsewhere', 'recording', 500));

    const sessions = list(storage, [], ['elsewhere']);
    await sessions.load();
    expect(sessions.find(id)).toMatchObject({
      status: 'interrupted',
      totals: { received: 2 },
      savedUntil: head?.flushedAt,
    });
    expect((await storage.sessionsDb.get(id))?.status).toBe('interrupted');
    // Another tab still holds this one's lock: it is recording, not interrupted.
    expect(sessions.find('elsewhere')?.status).toBe('recording');
    expect(sessions.error).toBeNull();
  });

  it('keeps a session recording here on the list while storage does not list it yet', async () => {
    const storage = freshStorage();
    await storage.sessionsDb.put(meta('stored'));
    const sessions = list(storage, ['starting']);
    sessions.update(meta('starting', 'recording', 2000));
    sessions.update(meta('ended-elsewhere', 'closed', 1500));
    await sessions.refresh();
    expect(sessions.list.map((m) => m.id)).toEqual(['starting', 'stored']);
  });

  it('never deletes a session recording here, and deletes the others with their frames', async () => {
    const storage = freshStorage();
    const { create, socket } = liveSessions(storage);
    const old = create();
    old.connect(ECHO);
    socket().open();
    socket().closeFromServer(1000, '', true);
    const oldId = old.meta?.id ?? '';
    await expect.poll(async () => (await storage.sessionsDb.get(oldId))?.status).toBe('closed');
    await storage.sessionsDb.put(meta('recording-here', 'recording'));

    const sessions = list(storage, ['recording-here']);
    await sessions.load();
    expect(await sessions.remove([oldId, 'recording-here'])).toEqual([oldId]);
    expect(await storage.frames.head(oldId)).toBeUndefined();
    expect((await storage.sessionsDb.list()).map((m) => m.id)).toEqual(['recording-here']);
    expect(sessions.list.map((m) => m.id)).toEqual(['recording-here']);
  });

  it('says what the sweep of orphaned chunks freed, and nothing when it freed nothing or failed', async () => {
    const sessions = list(freshStorage());
    await sessions.reclaim(() => Promise.resolve({ sessions: 0, bytes: 0 }));
    expect(sessions.reclaimed).toBeNull();
    await sessions.reclaim(() => Promise.reject(new Error('disk gone')));
    expect(sessions.reclaimed).toBeNull();
    await sessions.reclaim(() => Promise.resolve({ sessions: 1, bytes: 12.3 * 1024 * 1024 }));
    expect(sessions.reclaimed).toBe('Freed 12.3 MB left by an interrupted import');
    await sessions.reclaim(() => Promise.resolve({ sessions: 2, bytes: 2048 }));
    expect(sessions.reclaimed).toBe('Freed 2.0 KB left by 2 interrupted imports');
  });
});
