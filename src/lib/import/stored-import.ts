import type { ImportedSession, ImportTarget, SessionWriter } from '../formats/session-sink';
import type { PersistState } from '../record/recorder';
import { Recorder } from '../record/recorder';
import type { UnnumberedRecord } from '../model/frame';
import type { FramesDb } from '../persist/frames-db';
import { newId } from '../ids';
import type { ImportOrigin, SessionMeta } from '../model/session';
import type { SessionsDb } from '../persist/sessions-db';

/**
 * Where an import keeps connections it finds without messages (a Firefox HAR) as profiles. `add` resolves to the
 * new profile's id, so a failed import can remove what it added; a share link passes one that refuses.
 */
export interface ProfileSink {
  add(profile: { url: string; protocols: string[] }): Promise<string>;
  remove(id: string): Promise<void>;
}

/**
 * Imported records are written in batches of at most this many records or this much payload, whichever comes
 * first: memory stays bounded whatever the file's length, and a file of huge lines (8,192 lines of 50 MB) never
 * piles up gigabytes before its first write.
 */
export interface WriteBatchLimits {
  records: number;
  bytes: number;
}

export const WRITE_BATCH_LIMITS: WriteBatchLimits = { records: 8192, bytes: 64 << 20 };

/** What a record holds in memory, roughly: its payload, or the text of an event. */
function payloadBytes(record: UnnumberedRecord): number {
  switch (record.kind) {
    case 'text':
    case 'binary':
      return record.size;
    case 'note':
      return record.text.length;
    case 'error':
      return record.message.length;
    case 'close':
      return record.reason.length;
    case 'open':
      return record.protocol.length + record.extensions.length;
  }
}

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
  readonly #limits: WriteBatchLimits;
  readonly #origin: ImportOrigin | null;

  /** `origin`: the file's fingerprint, kept with each session so that importing the file again asks first. */
  constructor(
    frames: FramesDb,
    sessions: SessionsDb,
    profiles: ProfileSink,
    limits: WriteBatchLimits = WRITE_BATCH_LIMITS,
    origin: ImportOrigin | null = null,
  ) {
    this.#frames = frames;
    this.#sessions = sessions;
    this.#profiles = profiles;
    this.#limits = limits;
    this.#origin = origin;
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
    const limits = this.#limits;
    let unsavedBytes = 0;
    const writeBatch = async () => {
      unsavedBytes = 0;
      await recorder.flush();
      if (failure?.kind === 'failed') throw new Error(failure.message);
    };
    const sessions = this.#sessions;
    const origin = this.#origin;
    return Promise.resolve({
      sessionId: id,
      async append(record: UnnumberedRecord) {
        recorder.append(record);
        unsavedBytes += payloadBytes(record);
        if (recorder.length - recorder.savedCount >= limits.records || unsavedBytes >= limits.bytes)
          await writeBatch();
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
          ...(origin === null ? {} : { imported: origin }),
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
