import { get, promisifyRequest } from 'idb-keyval';
import type { StoredChunk } from '../record/chunk';
import { copyChunk, isStoredChunk } from '../record/chunk';
import type { SessionHead } from '../model/session';
import type { FrameReader, FrameWriter } from '../record/frame-store';
import { KeyvalStore } from './idb-store';

/** Chunks are keyed [sessionId, firstSeq]; the head sits at [sessionId, HEAD], before every chunk. */
const HEAD = -1;

/** The frames database: every session's chunks and head. Never read whole: values are fetched by key. */
export class FramesDb implements FrameWriter, FrameReader {
  readonly #store: KeyvalStore;
  readonly #wallClock: () => number;

  constructor(store = new KeyvalStore('wsi-frames', 'frames'), wallClock: () => number = Date.now) {
    this.#store = store;
    this.#wallClock = wallClock;
  }

  write(sessionId: string, chunks: StoredChunk[], head: SessionHead): Promise<void> {
    return this.#store.use('readwrite', (store) => {
      for (const chunk of chunks) {
        // The pieces a chunk was stored in while open start after its first record and before its end.
        if (chunk.count > 1)
          store.delete(
            IDBKeyRange.bound(
              [sessionId, chunk.firstSeq],
              [sessionId, chunk.firstSeq + chunk.count],
              true,
              true,
            ),
          );
        store.put(chunk, [sessionId, chunk.firstSeq]);
      }
      store.put({ ...head, writtenAt: this.#wallClock() } satisfies SessionHead, [sessionId, HEAD]);
      return promisifyRequest(store.transaction);
    });
  }

  head(sessionId: string): Promise<SessionHead | undefined> {
    return get<SessionHead>([sessionId, HEAD], this.#store.use);
  }

  /** The first seq of every chunk of a session, in order: the directory a reader pages with. */
  async chunkStarts(sessionId: string): Promise<number[]> {
    const keys = await this.#store.keysInRange([sessionId, 0], [sessionId, Infinity]);
    return keys.map((key) => (key as [string, number])[1]);
  }

  async chunk(sessionId: string, firstSeq: number, endSeq = Infinity): Promise<StoredChunk | undefined> {
    // The chunk at firstSeq, or the one before it: a piece listed by a reader may since have been written whole.
    const value: unknown = await this.#store.use('readonly', (store) =>
      promisifyRequest(
        store.openCursor(IDBKeyRange.bound([sessionId, 0], [sessionId, firstSeq]), 'prev'),
      ).then((cursor) => cursor?.value),
    );
    if (value === undefined) return undefined;
    const chunk = checked(value, sessionId);
    const end = Math.min(chunk.firstSeq + chunk.count, endSeq);
    if (end <= firstSeq) return undefined;
    return chunk.firstSeq === firstSeq && end === chunk.firstSeq + chunk.count
      ? chunk
      : copyChunk(chunk, firstSeq - chunk.firstSeq, end - chunk.firstSeq);
  }

  /**
   * The chunks starting from `fromStart` to `toStart`, both included, in one request: far fewer round trips than
   * a `chunk()` each when a reader wants them all (see readChunkGroup).
   */
  async chunksBetween(sessionId: string, fromStart: number, toStart: number): Promise<StoredChunk[]> {
    const values = await this.#store.valuesInRange([sessionId, fromStart], [sessionId, toStart]);
    return values.map((value) => checked(value, sessionId));
  }

  /** Every session with anything stored, each once: the cursor jumps over a session's chunks, reading no value. */
  sessionIds(): Promise<string[]> {
    return this.#store.use('readonly', (store) => {
      const ids: string[] = [];
      const request = store.openKeyCursor();
      return new Promise((resolve, reject) => {
        request.onerror = () => reject(request.error ?? new Error('reading the stored sessions failed'));
        request.onsuccess = () => {
          const cursor = request.result;
          if (cursor === null) return resolve(ids);
          const id = (cursor.key as [string, number])[0];
          ids.push(id);
          cursor.continue([id, Infinity]);
        };
      });
    });
  }

  delete(sessionId: string): Promise<void> {
    return this.#store.deleteRange([sessionId, -Infinity], [sessionId, Infinity]);
  }

  reopen(): Promise<void> {
    return this.#store.reopen();
  }
}

/** A value read back as a chunk: anything else is reported, not trusted. */
function checked(value: unknown, sessionId: string): StoredChunk {
  if (!isStoredChunk(value)) throw new Error(`a chunk of session ${sessionId} is damaged`);
  return value;
}
