import type { Unsubscribe } from '../events';
import type { FrameReader } from './frame-store';
import type { FrameRecord } from '../model/frame';
import { ChunkPager } from './chunk-pager';
import type { ChunkColumns } from './chunk';
import type { FrameSource } from './frame-source';
import type { TrafficTotals } from '../model/totals';
import { emptyTotals } from '../model/totals';

/** Memory for chunks of a session being read: a few screens' worth, whatever the session's size. */
const READ_CACHE_BYTES = 32 << 20;

/**
 * A recorded session, read-only. Opening it reads two small things, the head and the chunk directory; chunks are
 * read when rows on screen need them, so a session of millions of frames opens as fast as one of ten.
 */
export class StoredSession implements FrameSource {
  readonly sessionId: string;
  readonly length: number;
  readonly totals: Readonly<TrafficTotals>;
  readonly #pager: ChunkPager;

  private constructor(sessionId: string, totals: TrafficTotals, pager: ChunkPager) {
    this.sessionId = sessionId;
    this.totals = totals;
    this.length = totals.records;
    this.#pager = pager;
  }

  static async open(sessionId: string, frames: FrameReader): Promise<StoredSession> {
    const [head, starts] = await Promise.all([frames.head(sessionId), frames.chunkStarts(sessionId)]);
    const pager = new ChunkPager((start, end) => frames.chunk(sessionId, start, end), READ_CACHE_BYTES);
    for (const start of starts) pager.addStart(start);
    return new StoredSession(sessionId, head?.totals ?? emptyTotals(), pager);
  }

  /** `changed` fires when a chunk that rows on screen wait for has been read. */
  on(type: 'changed', listener: () => void): Unsubscribe {
    return this.#pager.on('loaded', () => listener());
  }

  at(seq: number): FrameRecord | undefined {
    return seq < this.length ? this.#pager.at(seq) : undefined;
  }

  failure(seq: number): string | undefined {
    return this.#pager.failure(seq);
  }

  chunkStarts(): readonly number[] {
    return this.#pager.starts;
  }

  /** Everything of a stored session is in storage. */
  unsavedChunks(): ChunkColumns[] {
    return [];
  }

  chunks(): AsyncIterable<ChunkColumns> {
    return this.#pager.chunks();
  }

  seqAtTime(time: number): Promise<number | undefined> {
    return this.#pager.seqAtTime(time);
  }
}
