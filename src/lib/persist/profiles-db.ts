import { del, set, values } from 'idb-keyval';
import type { Profile } from '../profiles/profile';
import { normalizeProfile } from '../profiles/profile';
import { KeyvalStore } from './idb-store';

/** Saved connection profiles, in a database of their own. Small, so read whole. */
export class ProfilesDb {
  readonly #store: KeyvalStore;

  constructor(store = new KeyvalStore('wsi-profiles', 'profiles')) {
    this.#store = store;
  }

  async list(): Promise<Profile[]> {
    return (await values<Profile>(this.#store.use)).map(normalizeProfile);
  }

  put(profile: Profile): Promise<void> {
    return set(profile.id, profile, this.#store.use);
  }

  delete(id: string): Promise<void> {
    return del(id, this.#store.use);
  }
}
