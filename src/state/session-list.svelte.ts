import { formatBytes } from '../lib/display/size';
import type { SessionMeta } from '../lib/model/session';
import { emptyTotals } from '../lib/model/totals';
import type { FrameReader } from '../lib/record/frame-store';
import { DEFAULT_RECORDER_OPTIONS } from '../lib/record/recorder';
import type { SessionsDb } from '../lib/persist/sessions-db';
import { ErrorSlot } from './error-slot.svelte';

/** How much an interrupted session may miss at most: what its recorder had not yet flushed when the tab went. */
export const INTERRUPTED_MAY_MISS_MS = DEFAULT_RECORDER_OPTIONS.flushIntervalMs;

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** What the list needs of the page's environment; tests pass their own. */
export interface SessionListDeps {
  sessionsDb: SessionsDb;
  frames: FrameReader & { delete(sessionId: string): Promise<void> };
  /** Sessions recording in any tab right now (their Web Locks are held). */
  recordingNow: () => Promise<Set<string>>;
  storage?: StorageManager;
}

/** The recorded sessions: the listing, renaming and deleting, and the storage they use. */
export class SessionListState {
  #list = $state.raw<SessionMeta[]>([]);
  #storage = $state.raw<StorageInfo | null>(null);
  #reclaimed = $state<string | null>(null);
  readonly #errors = new ErrorSlot();
  #askedToPersist = false;
  readonly #deps: SessionListDeps;
  /** Sessions recording in this tab: never deleted, and listed even before storage lists them. */
  readonly #recordingHere: () => ReadonlySet<string>;

  constructor(deps: SessionListDeps, recordingHere: () => ReadonlySet<string>) {
    this.#deps = deps;
    this.#recordingHere = recordingHere;
  }

  get list(): readonly SessionMeta[] {
    return this.#list;
  }
  get storage(): StorageInfo | null {
    return this.#storage;
  }
  /** What the start-up sweep of orphaned chunks took back, if anything. */
  get reclaimed(): string | null {
    return this.#reclaimed;
  }
  get error(): string | null {
    return this.#errors.message;
  }

  /** Runs an action on the sessions; its failure is shown with the list. */
  attempt(what: string, action: () => Promise<void>): Promise<boolean> {
    return this.#errors.attempt(what, action);
  }

  find(id: string): SessionMeta | undefined {
    return this.#list.find((m) => m.id === id);
  }

  /** At start-up: sessions left "recording" by a tab that is gone become "interrupted", then the list loads. */
  async load(): Promise<void> {
    await this.#errors.attempt('Reading the saved sessions failed', async () => {
      const [all, alive] = await Promise.all([this.#deps.sessionsDb.list(), this.#deps.recordingNow()]);
      for (const meta of all) {
        if (meta.status === 'recording' && !alive.has(meta.id)) await this.#markInterrupted(meta);
      }
      await this.refresh();
    });
  }

  async refresh(): Promise<void> {
    const stored = await Promise.all(
      (await this.#deps.sessionsDb.list()).map((m) => this.#withSavedTotals(m)),
    );
    // A session recording here may not be listed in storage yet (its lock comes first): keep it on the list.
    const here = this.#recordingHere();
    const pending = this.#list.filter((m) => here.has(m.id) && !stored.some((s) => s.id === m.id));
    this.#list = [...pending, ...stored];
    await this.refreshStorage();
  }

  /** A recording started or ended here: list it as it is now, without reading storage. */
  update(meta: SessionMeta): void {
    const known = this.#list.some((m) => m.id === meta.id);
    this.#list = known ? this.#list.map((m) => (m.id === meta.id ? meta : m)) : [meta, ...this.#list];
  }

  async rename(id: string, name: string): Promise<SessionMeta | undefined> {
    const meta = this.find(id);
    if (!meta) return undefined;
    const renamed: SessionMeta = { ...meta, name: name.trim() || undefined };
    await this.#errors.attempt('Renaming failed', () => this.#deps.sessionsDb.put(renamed));
    this.update(renamed);
    return renamed;
  }

  /** Deletes sessions and their frames, but never one still recording here; returns those deleted. */
  async remove(ids: readonly string[]): Promise<string[]> {
    const here = this.#recordingHere();
    const deleted: string[] = [];
    for (const id of ids) {
      if (here.has(id)) continue;
      const done = await this.#errors.attempt('Deleting failed', async () => {
        await this.#deps.frames.delete(id);
        await this.#deps.sessionsDb.delete(id);
      });
      if (done) deleted.push(id);
    }
    // Once for the whole batch: the listing and the storage estimate.
    await this.refresh();
    return deleted;
  }

  /** Runs the sweep of chunks an interrupted import left, and says what it freed; a failure only logs. */
  async reclaim(sweep: () => Promise<{ sessions: number; bytes: number }>): Promise<void> {
    try {
      const { sessions, bytes } = await sweep();
      if (sessions === 0) return;
      const what = sessions === 1 ? 'an interrupted import' : `${sessions} interrupted imports`;
      this.#reclaimed = `Freed ${formatBytes(bytes)} left by ${what}`;
      await this.refreshStorage();
    } catch (error) {
      // Nothing is lost: the chunks stay, and the next start tries again.
      console.warn('Removing what an interrupted import left failed:', error);
    }
  }

  /** Asks once, from the first recording (a user's gesture), that the browser keep the data. */
  askToPersist(): void {
    const storage = this.#deps.storage;
    if (this.#askedToPersist || !storage?.persist) return;
    this.#askedToPersist = true;
    void storage.persist().then(() => this.refreshStorage());
  }

  async refreshStorage(): Promise<void> {
    const storage = this.#deps.storage;
    if (!storage?.estimate) return;
    const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted()]);
    this.#storage = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
  }

  /** Another tab's recording is listed with no counts until it ends: its head says how far it got. */
  async #withSavedTotals(meta: SessionMeta): Promise<SessionMeta> {
    if (meta.status !== 'recording' || this.#recordingHere().has(meta.id)) return meta;
    const head = await this.#deps.frames.head(meta.id);
    return head ? { ...meta, totals: head.totals } : meta;
  }

  async #markInterrupted(meta: SessionMeta): Promise<void> {
    const head = await this.#deps.frames.head(meta.id);
    await this.#deps.sessionsDb.put({
      ...meta,
      status: 'interrupted',
      totals: head?.totals ?? emptyTotals(),
      savedUntil: head?.flushedAt ?? meta.startedAt,
      endedAt: head?.flushedAt ?? meta.startedAt,
    });
  }
}
