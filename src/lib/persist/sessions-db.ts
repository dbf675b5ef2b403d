import { del, get, set, values } from 'idb-keyval';
import type { SessionMeta } from '../model/session';
import { KeyvalStore } from './idb-store';

/** The session listing. Small (one value per session), so reading it whole is fine, unlike the frames. */
export class SessionsDb {
  readonly #store: KeyvalStore;

  constructor(store = new KeyvalStore('wsi-sessions', 'sessions')) {
    this.#store = store;
  }

  /** Newest first. */
  async list(): Promise<SessionMeta[]> {
    const all = await values<SessionMeta>(this.#store.use);
    return all.sort((a, b) => b.startedAt - a.startedAt);
  }

  get(id: string): Promise<SessionMeta | undefined> {
    return get<SessionMeta>(id, this.#store.use);
  }

  put(meta: SessionMeta): Promise<void> {
    return set(meta.id, meta, this.#store.use);
  }

  delete(id: string): Promise<void> {
    return del(id, this.#store.use);
  }

  reopen(): Promise<void> {
    return this.#store.reopen();
  }
}
