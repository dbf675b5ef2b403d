import type { ImportedSession, ImportTarget, SessionWriter } from '../formats/import-file';
import type { PersistState } from '../record/recorder';
import { Recorder } from '../record/recorder';
import type { UnnumberedRecord } from '../model/frame';
import type { FramesDb } from '../persist/frames-db';
import { newId } from '../ids';
import type { SessionMeta } from '../model/session';
import type { SessionsDb } from '../persist/sessions-db';

/**
 * Where an import keeps connections it finds without messages (a Firefox HAR) as profiles. `add` resolves to the
 * new profile's id, so a failed import can remove what it added; a share link passes one that refuses.
 */
export interface ProfileSink {
  add(profile: { url: string; protocols: string[] }): Promise<string>;
  remove(id: string): Promise<void>;
}

/** Imported records are written in batches of this many: memory stays bounded whatever the file's length. */
const RECORDS_PER_WRITE = 8192;

/**
 * Writes imported sessions into storage as new sessions, through the same chunked writer as a live recording.
 * A session is listed only once all its records are written, so a half-imported one never shows; if the import
 * fails, discard() deletes everything it wrote.
 */
export class StoredImport implements ImportTarget {
  readonly #frames: FramesDb;
  readonly #sessions: SessionsDb;
  readonly #profiles: ProfileSink;
  readonly #written: string[] = [];
  readonly #profilesAdded: string[] = [];

  constructor(frames: FramesDb, sessions: SessionsDb, profiles: ProfileSink) {
    this.#frames = frames;
    this.#sessions = sessions;
    this.#profiles = profiles;
  }

  startSession(session: ImportedSession): Promise<SessionWriter> {
    const id = newId(session.startedAt);
    this.#written.push(id);
    let failure: PersistState | null = null;
    // Written when a batch is full, not on a timer; nothing is read back, so nothing is cached.
    const recorder = new Recorder(id, this.#frames, { setTimer: () => undefined, cacheBytes: 0 });
    recorder.on('persist', (state) => {
      if (state.kind === 'failed') failure = state;
    });
    const writeBatch = async () => {
      await recorder.flush();
      if (failure?.kind === 'failed') throw new Error(failure.message);
    };
    const sessions = this.#sessions;
    return Promise.resolve({
      sessionId: id,
      async append(record: UnnumberedRecord) {
        recorder.append(record);
        if (recorder.length - recorder.savedCount >= RECORDS_PER_WRITE) await writeBatch();
      },
      async finish(lastRecordAt: number | undefined) {
        await writeBatch();
        const meta: SessionMeta = {
          id,
          ...(session.name === undefined ? {} : { name: session.name }),
          url: session.url,
          protocols: session.protocols,
          binaryType: session.binaryType,
          startedAt: session.startedAt,
          endedAt: session.endedAt ?? Math.max(session.startedAt, lastRecordAt ?? session.startedAt),
          status: 'imported',
          source: session.source,
          totals: { ...recorder.totals },
        };
        await sessions.put(meta);
      },
    });
  }

  async addProfile(profile: { url: string; protocols: string[] }): Promise<void> {
    this.#profilesAdded.push(await this.#profiles.add(profile));
  }

  async discard(): Promise<void> {
    for (const id of this.#written) {
      // Best effort: the failure that brought us here (a full disk) may fail these too; nothing else is touched.
      await this.#frames.delete(id).catch(() => undefined);
      await this.#sessions.delete(id).catch(() => undefined);
    }
    // Profiles too: an import that fails part way leaves nothing of itself behind.
    for (const id of this.#profilesAdded) await this.#profiles.remove(id).catch(() => undefined);
  }
}
