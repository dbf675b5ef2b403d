import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import { ProfilesDb } from '../../../../src/lib/persist/profiles-db';
import { profile } from '../../fakes/profile';

describe('profiles', () => {
  it('are stored in a database of their own', async () => {
    const db = new ProfilesDb(new KeyvalStore('profiles-test', 'profiles'));
    await db.put(profile('a', 1));
    await db.put(profile('b', 2));
    await db.delete('a');
    expect((await db.list()).map((p) => p.id)).toEqual(['b']);
  });
});
