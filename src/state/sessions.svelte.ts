import type { FramesDb } from '../lib/persist/frames-db';
import { holdRecordingLock, sessionsRecordingNow } from '../lib/persist/liveness';
import type { SessionMeta } from '../lib/model/session';
import type { SessionsDb } from '../lib/persist/sessions-db';
import { newId } from '../lib/persist/ids';
import type { PersistState } from '../lib/record/recorder';
import { Recorder } from '../lib/record/recorder';
import { StoredSession } from '../lib/record/stored-session';
import { emptyTotals } from '../lib/model/totals';
import type { BinaryType } from '../lib/model/frame';
import { ErrorSlot } from './error-slot.svelte';
import type { FrameViewState } from './frame-view.svelte';
import type { SessionView } from './shown-session.svelte';

const LIVE_LISTING_INTERVAL_MS = 250;

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

export interface RecordingSettings {
  url: string;
  protocols: string[];
  binaryType: BinaryType;
  startedAt: number;
}

/**
 * The recorded sessions: the live recording, the listing, opening, renaming and deleting, and the storage they use.
 */
export class SessionsState {
  #list = $state.raw<SessionMeta[]>([]);
  #persist = $state.raw<PersistState | null>(null);
  #storage = $state.raw<StorageInfo | null>(null);
  readonly #errors = new ErrorSlot();
  #liveId = $state<string | null>(null);
  /** Bumped a few times a second while recording, so the listing's live counts move without a redraw per frame. */
  #liveTick = $state(0);
  #liveTickPending = false;

  #recorder: Recorder | null = null;
  /** Listing the live session in storage; finishing it waits for this so the two writes cannot cross. */
  #listing: Promise<void> = Promise.resolve();
  #releaseLock: (() => void) | null = null;
  #askedToPersist = false;
  readonly #sessionsDb: SessionsDb;
  readonly #framesDb: FramesDb;
  readonly #view: SessionView;
  readonly #frameView: FrameViewState;

  constructor(sessionsDb: SessionsDb, framesDb: FramesDb, view: SessionView, frameView: FrameViewState) {
    this.#sessionsDb = sessionsDb;
    this.#framesDb = framesDb;
    this.#view = view;
    this.#frameView = frameView;
  }

  get list(): readonly SessionMeta[] {
    return this.#list;
  }
  get liveId(): string | null {
    return this.#liveId;
  }
  /** How saving the live recording goes; null when nothing is recording. */
  get persist(): PersistState | null {
    return this.#persist;
  }
  get storage(): StorageInfo | null {
    return this.#storage;
  }
  get error(): string | null {
    return this.#errors.message;
  }
  /** The live recording's counts, updated a few times a second. */
  get liveTotals() {
    void this.#liveTick;
    return this.#recorder ? { ...this.#recorder.totals } : null;
  }
  /** How far saving keeps up with the live recording, updated a few times a second. */
  get liveSaving() {
    void this.#liveTick;
    const recorder = this.#recorder;
    if (!recorder) return null;
    return {
      saved: recorder.savedCount,
      records: recorder.length,
      lagP50: recorder.lag.percentile(0.5),
      lagP99: recorder.lag.percentile(0.99),
    };
  }

  /** At start-up: sessions left "recording" by a tab that is gone become "interrupted", then the list loads. */
  async load(): Promise<void> {
    await this.#errors.attempt('Reading the saved sessions failed', async () => {
      const [all, alive] = await Promise.all([this.#sessionsDb.list(), sessionsRecordingNow()]);
      for (const meta of all) {
        if (meta.status === 'recording' && !alive.has(meta.id)) await this.#markInterrupted(meta);
      }
      await this.refresh();
    });
  }

  async refresh(): Promise<void> {
    const stored = await Promise.all(
      (await this.#sessionsDb.list()).map((meta) => this.#withSavedTotals(meta)),
    );
    // The live session may not be listed in storage yet (its lock comes first): keep it on the list.
    const live = this.#list.find((m) => m.id === this.#liveId);
    this.#list = live && !stored.some((m) => m.id === live.id) ? [live, ...stored] : stored;
    await this.#refreshStorage();
  }

  /**
   * Starts recording a new connection and shows it. Call from the user's gesture (Connect). The recorder is ready
   * at once, so no early frame can be missed; the session is listed in storage as soon as its lock is held.
   */
  startRecording(settings: RecordingSettings): Recorder {
    this.#askToPersist();
    this.#releaseLock?.();
    this.#releaseLock = null;
    const id = newId(settings.startedAt);
    const recorder = new Recorder(
      id,
      this.#framesDb,
      {
        changed: () => {
          this.#view.changed(recorder);
          this.#tickLive();
        },
        persistState: (state) => {
          if (this.#recorder === recorder) this.#persist = state;
        },
      },
      {},
      (start) => this.#framesDb.chunk(id, start),
    );
    const meta: SessionMeta = { id, ...settings, status: 'recording', totals: emptyTotals() };
    this.#recorder = recorder;
    this.#liveId = id;
    this.#persist = { kind: 'saving' };
    this.#frameView.reset();
    this.#view.show(recorder, meta, true);
    this.#list = [meta, ...this.#list];
    this.#listing = this.#register(meta, recorder);
    return recorder;
  }

  async #register(meta: SessionMeta, recorder: Recorder): Promise<void> {
    // The lock first: with it held, no other tab can take this session for an interrupted one.
    const release = await holdRecordingLock(meta.id);
    if (this.#recorder === recorder) this.#releaseLock = release;
    else return release();
    await this.#errors.attempt('Listing the new session failed', () => this.#sessionsDb.put(meta));
  }

  /** The live connection closed: save the rest and list the session as closed. */
  async finishRecording(recorder: Recorder): Promise<void> {
    await this.#listing;
    await recorder.finish();
    const meta = this.#list.find((m) => m.id === recorder.sessionId);
    if (meta === undefined) return;
    const closed: SessionMeta = {
      ...meta,
      status: 'closed',
      endedAt: Date.now(),
      totals: { ...recorder.totals },
    };
    await this.#errors.attempt('Saving the session failed', () => this.#sessionsDb.put(closed));
    this.#replace(closed);
    if (this.#recorder === recorder) {
      this.#releaseLock?.();
      this.#releaseLock = null;
    }
    await this.#refreshStorage();
  }

  /** Saves now: the page may be about to go away. */
  flushNow(): void {
    void this.#recorder?.flush();
  }

  /** After a failed write (a full disk): try again on a fresh database connection. */
  async retrySaving(): Promise<void> {
    await this.#recorder?.retry();
    await this.#refreshStorage();
  }

  async open(id: string): Promise<void> {
    this.#frameView.reset();
    if (id === this.#liveId && this.#recorder) {
      const meta = this.#list.find((m) => m.id === id);
      if (meta) this.#view.show(this.#recorder, meta, true);
      return;
    }
    await this.#errors.attempt('Opening the session failed', async () => {
      const meta = (await this.#sessionsDb.get(id)) ?? this.#list.find((m) => m.id === id);
      if (!meta) throw new Error('it is no longer stored');
      const session = await StoredSession.open(id, this.#framesDb, () => this.#view.changed(session));
      this.#view.show(session, meta, false);
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const meta = this.#list.find((m) => m.id === id);
    if (!meta) return;
    const renamed: SessionMeta = { ...meta, name: name.trim() || undefined };
    await this.#errors.attempt('Renaming failed', () => this.#sessionsDb.put(renamed));
    this.#replace(renamed);
  }

  /** Deletes a session and its frames; the one being recorded cannot be deleted until it ends. */
  delete(id: string): Promise<void> {
    return this.#remove([id]);
  }

  /** Deletes every session but the one still recording. */
  deleteAll(): Promise<void> {
    return this.#remove(this.#list.map((meta) => meta.id));
  }

  async #remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (id === this.#liveId && this.#persist?.kind !== 'finished') continue;
      await this.#errors.attempt('Deleting failed', async () => {
        await this.#framesDb.delete(id);
        await this.#sessionsDb.delete(id);
      });
      if (this.#view.meta?.id === id) this.#view.clear();
      if (id === this.#liveId) {
        // The finished live session is gone: nothing is live any more, and refresh must not list it again.
        this.#recorder = null;
        this.#liveId = null;
        this.#persist = null;
      }
    }
    // Once for the whole batch: the listing, the storage estimate, and saving again into the room made.
    await this.refresh();
    await this.#retryIfFull();
  }

  /** Another tab's recording is listed with no counts until it ends: its head says how far it got. */
  async #withSavedTotals(meta: SessionMeta): Promise<SessionMeta> {
    if (meta.status !== 'recording' || meta.id === this.#liveId) return meta;
    const head = await this.#framesDb.head(meta.id);
    return head ? { ...meta, totals: head.totals } : meta;
  }

  #tickLive(): void {
    if (this.#liveTickPending) return;
    this.#liveTickPending = true;
    setTimeout(() => {
      this.#liveTickPending = false;
      this.#liveTick++;
    }, LIVE_LISTING_INTERVAL_MS);
  }

  #replace(meta: SessionMeta): void {
    this.#list = this.#list.map((m) => (m.id === meta.id ? meta : m));
    this.#view.updateMeta(meta);
  }

  async #markInterrupted(meta: SessionMeta): Promise<void> {
    const head = await this.#framesDb.head(meta.id);
    await this.#sessionsDb.put({
      ...meta,
      status: 'interrupted',
      totals: head?.totals ?? emptyTotals(),
      savedUntil: head?.flushedAt ?? meta.startedAt,
      endedAt: head?.flushedAt ?? meta.startedAt,
    });
  }

  async #retryIfFull(): Promise<void> {
    if (this.#persist?.kind === 'failed') await this.retrySaving();
  }

  #askToPersist(): void {
    if (this.#askedToPersist || !navigator.storage?.persist) return;
    this.#askedToPersist = true;
    void navigator.storage.persist().then(() => this.#refreshStorage());
  }

  async #refreshStorage(): Promise<void> {
    if (!navigator.storage?.estimate) return;
    const [estimate, persisted] = await Promise.all([
      navigator.storage.estimate(),
      navigator.storage.persisted(),
    ]);
    this.#storage = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
  }
}
