import { describe, expect, it } from 'vitest';
import { KeyvalStore } from '../../../src/lib/persist/idb-store';
import { ProfilesDb } from '../../../src/lib/persist/profiles-db';
import type { Profile } from '../../../src/lib/profiles/profile';
import { ConnectionBarState } from '../../../src/state/connection-bar.svelte';
import { LiveConnectionState } from '../../../src/state/live-connection.svelte';
import { ProfilesState } from '../../../src/state/profiles.svelte';
import { liveSessions } from './live-harness';

let stores = 0;

/** Profiles over fake-indexeddb, with one profile holding two saved messages. */
async function profilesWithTwoMessages(
  db = new ProfilesDb(new KeyvalStore(`profiles-${++stores}`, 'profiles')),
) {
  const bar: ConnectionBarState = new ConnectionBarState(
    new LiveConnectionState(liveSessions().create()),
    'http:',
    () => profiles.inUse,
  );
  const profiles: ProfilesState = new ProfilesState(db, () => bar);
  bar.url = 'ws://127.0.0.1:9/echo';
  await profiles.load();
  await profiles.saveCurrent();
  const id = profiles.activeId ?? '';
  await profiles.addMessage(id, '{"op":"login"}', 'json', 'login');
  await profiles.addMessage(id, '{"op":"subscribe"}', 'json', 'sub');
  return { db, profiles, id };
}

const names = (profile: Profile | undefined) => profile?.messages.map((m) => m.name);

describe('ProfilesState writes', () => {
  it('two quick edits both land: the second starts from what the first stored', async () => {
    const { db, profiles, id } = await profilesWithTwoMessages();
    const subscribe = profiles.find(id)?.messages[1];
    if (!subscribe) throw new Error('the message was not saved');
    // As a quick click on ↑ then Save message does: neither waits for the other.
    const moved = profiles.moveMessage(id, 1, -1);
    const renamed = profiles.updateMessage(id, { ...subscribe, name: 'subscribe' });
    await Promise.all([moved, renamed]);

    expect(names(profiles.find(id))).toEqual(['subscribe', 'login']);
    expect(names((await db.list())[0])).toEqual(['subscribe', 'login']);
  });

  it('a profile deleted while writes wait stays deleted', async () => {
    const { db, profiles, id } = await profilesWithTwoMessages();
    const profile = profiles.find(id);
    if (!profile) throw new Error('the profile was not saved');
    const renamed = profiles.rename(id, 'prices');
    // A whole profile saved (as an import does) while the rename is under way, then deleted.
    const saved = profiles.save({ ...profile, notes: 'kept' });
    const deleted = profiles.delete(id);
    await Promise.all([renamed, saved, deleted]);
    await profiles.rename(id, 'after');

    expect(profiles.count).toBe(0);
    expect(await db.list()).toEqual([]);
  });

  it('a failed write is reported and the next one still runs', async () => {
    class FailingOnce extends ProfilesDb {
      failNext = false;
      override put(profile: Profile): Promise<void> {
        if (!this.failNext) return super.put(profile);
        this.failNext = false;
        return Promise.reject(new Error('QuotaExceededError'));
      }
    }
    const db = new FailingOnce(new KeyvalStore(`profiles-${++stores}`, 'profiles'));
    const { profiles, id } = await profilesWithTwoMessages(db);
    db.failNext = true;
    const failed = profiles.rename(id, 'lost');
    const kept = profiles.rename(id, 'kept');
    await failed;
    expect(profiles.error).toBe('Saving the profile failed: QuotaExceededError');
    await kept;

    expect(profiles.error).toBeNull();
    expect(profiles.find(id)?.name).toBe('kept');
    expect((await db.list())[0]?.name).toBe('kept');
  });
});
