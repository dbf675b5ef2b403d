import type { Unsubscribe } from '../events';
import { Emitter } from '../events';
import type { FrameRecord } from '../model/frame';
import type { ChunkColumns, StoredChunk } from './chunk';
import { recordAt } from './chunk';
import { ChunkCache, chunkBytes } from './chunk-cache';
import { messageOf, missingFromStorage } from '../errors';

/** Reads the chunk at `firstSeq`, whose records end at most at `endSeq`, the next start (see FrameReader.chunk). */
export type ChunkLoader = (firstSeq: number, endSeq: number) => Promise<StoredChunk | undefined>;

/**
 * Chunks read within this long are kept even over budget: they hold the rows on screen, and dropping them would
 * only read them again on the next paint, over and over.
 */
const IN_USE_MS = 1000;

/**
 * Finds any record of a session by seq while holding only a few chunks in memory. The chunk directory (each
 * chunk's first seq) is small; chunks are loaded on demand and the least recently used ones are dropped.
 */
export class ChunkPager {
  readonly #starts: number[] = [];
  readonly #cache: ChunkCache<number>;
  readonly #loading = new Set<number>();
  readonly #failed = new Map<number, string>();
  readonly #load: ChunkLoader;
  readonly #events = new Emitter<{ loaded: number }>();

  constructor(load: ChunkLoader, budgetBytes: number, now = () => performance.now()) {
    this.#load = load;
    this.#cache = new ChunkCache(budgetBytes, IN_USE_MS, now);
  }

  /** `loaded` fires with a chunk's first seq once it was read (or failed to be): its rows can be drawn. */
  on(type: 'loaded', listener: (firstSeq: number) => void): Unsubscribe {
    return this.#events.on(type, listener);
  }

  /** Chunk starts must arrive in increasing order. */
  addStart(firstSeq: number): void {
    const last = this.#starts.at(-1);
    if (last !== undefined && firstSeq <= last) throw new Error(`chunk ${firstSeq} is not after ${last}`);
    this.#starts.push(firstSeq);
  }

  /** Each chunk's first seq, in order. */
  get starts(): readonly number[] {
    return this.#starts;
  }

  get chunkCount(): number {
    return this.#starts.length;
  }

  /** Puts a chunk in memory; pinned ones stay until unpinned. */
  hold(chunk: ChunkColumns, bytes: number, pinned: boolean): void {
    this.#cache.set(chunk.firstSeq, chunk, bytes, pinned);
  }

  unpin(firstSeq: number): void {
    this.#cache.unpin(firstSeq);
  }

  /** The record, or undefined while its chunk is loading (`loaded` fires when it arrives). */
  at(seq: number): FrameRecord | undefined {
    const start = this.chunkStartFor(seq);
    if (start === undefined) return undefined;
    const chunk = this.#cache.use(start);
    if (chunk === undefined) {
      this.#request(start);
      return undefined;
    }
    const index = seq - start;
    return index < chunk.count ? recordAt(chunk, index) : undefined;
  }

  /**
   * Every chunk in order, for an export: cached ones as they are, the others read and not cached, so exporting a
   * session of any length holds two chunks at a time. The next chunk is read while the caller works on this one:
   * the read's wait then costs the export nothing.
   */
  async *chunks(): AsyncGenerator<ChunkColumns> {
    const starts = [...this.#starts];
    let next = starts.length > 0 ? this.#readAhead(starts[0] as number) : null;
    for (let i = 0; next !== null; i++) {
      const current = next;
      next = i + 1 < starts.length ? this.#readAhead(starts[i + 1] as number) : null;
      yield await current;
    }
  }

  /** A read whose failure is reported where it is awaited, and not as unhandled when the caller stops early. */
  #readAhead(start: number): Promise<ChunkColumns> {
    const reading = this.#read(start);
    reading.catch(() => undefined);
    return reading;
  }

  /**
   * The first record at or after `time` (records are in time order), or the last record when all are earlier.
   * A binary search over chunks: about twenty reads for ten million frames.
   */
  async seqAtTime(time: number): Promise<number | undefined> {
    const starts = [...this.#starts];
    let low = 0;
    let high = starts.length - 1;
    let found: ChunkColumns | undefined;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const chunk = await this.#read(starts[mid] as number);
      if (chunk.count > 0 && (chunk.t[chunk.count - 1] as number) < time) low = mid + 1;
      else {
        found = chunk;
        high = mid - 1;
      }
    }
    found ??= starts.length > 0 ? await this.#read(starts[starts.length - 1] as number) : undefined;
    if (found === undefined || found.count === 0) return undefined;
    let index = 0;
    while (index < found.count - 1 && (found.t[index] as number) < time) index++;
    return found.firstSeq + index;
  }

  async #read(start: number): Promise<ChunkColumns> {
    const chunk = this.#cache.peek(start) ?? (await this.#load(start, this.#endOf(start)));
    if (chunk === undefined) throw missingFromStorage(start);
    return chunk;
  }

  /** Why a chunk could not be read, if it could not. */
  failure(seq: number): string | undefined {
    const start = this.chunkStartFor(seq);
    return start === undefined ? undefined : this.#failed.get(start);
  }

  chunkStartFor(seq: number): number | undefined {
    return this.#starts[this.#countStartsUpTo(seq) - 1];
  }

  /** Where the chunk at `start` ends: the next start, or Infinity for the last chunk. */
  #endOf(start: number): number {
    return this.#starts[this.#countStartsUpTo(start)] ?? Infinity;
  }

  /** How many chunks start at or before `seq` (the starts are in increasing order). */
  #countStartsUpTo(seq: number): number {
    let low = 0;
    let high = this.#starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#starts[mid] as number) <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #request(start: number): void {
    if (this.#loading.has(start) || this.#failed.has(start)) return;
    this.#loading.add(start);
    this.#load(start, this.#endOf(start)).then(
      (chunk) => {
        this.#loading.delete(start);
        if (chunk === undefined)
          this.#failed.set(start, `Could not read this frame: chunk ${start} is missing.`);
        else this.hold(chunk, chunkBytes(chunk), false);
        this.#events.emit('loaded', start);
      },
      (error: unknown) => {
        this.#loading.delete(start);
        this.#failed.set(start, `Could not read this frame: ${messageOf(error)}`);
        this.#events.emit('loaded', start);
      },
    );
  }
}
