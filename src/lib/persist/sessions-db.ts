import { del, get, set, values } from 'idb-keyval';
import type { TrafficTotals } from '../record/totals';
import type { BinaryType } from '../ws/frame';
import { KeyvalStore } from './idb-store';

export type SessionStatus = 'recording' | 'closed' | 'interrupted' | 'imported';

/** One line of the Sessions list: enough to show and sort it without touching the frames. */
export interface SessionMeta {
  id: string;
  /** A name the person gave it; the URL is shown when there is none. */
  name?: string;
  url: string;
  protocols: string[];
  binaryType: BinaryType;
  startedAt: number;
  endedAt?: number;
  status: SessionStatus;
  totals: TrafficTotals;
  /** For imported sessions: the file (or link) it came from and its format. */
  source?: string;
  /** For interrupted sessions: when the last frames were saved. */
  savedUntil?: number;
}

/** A session as an exported file describes it: what the listing shows, less what only this browser knows. */
export type SessionDescription = Pick<
  SessionMeta,
  'name' | 'url' | 'protocols' | 'binaryType' | 'startedAt' | 'endedAt'
>;

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
