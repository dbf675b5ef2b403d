import type { Unsubscribe } from '../events';
import { Emitter } from '../events';
import type { SessionHead } from '../model/session';
import type { FrameWriter } from './frame-store';
import { isQuotaError } from './frame-store';
import type { FrameRecord, UnnumberedRecord } from '../model/frame';
import { preciseNow } from '../model/frame';
import { ChunkBuilder, copyChunk } from './chunk';
import type { ChunkLoader } from './chunk-pager';
import { ChunkPager } from './chunk-pager';
import type { ChunkColumns } from './chunk';
import type { FrameSource } from './frame-source';
import { LagHistogram } from './lag-histogram';
import type { TrafficTotals } from '../model/totals';
import { countRecord, emptyTotals } from '../model/totals';
import { messageOf } from '../errors';

export interface RecorderOptions {
  /** The longest a record waits before it is written: a crash loses at most this much. */
  flushIntervalMs: number;
  /** A chunk is closed, and a new one started, at this many records or bytes. */
  maxChunkRecords: number;
  maxChunkBytes: number;
  /** Memory for chunks already saved, kept so the live tail never waits for a read. */
  cacheBytes: number;
  now: () => number;
  setTimer: (callback: () => void, ms: number) => unknown;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  // Half the 200 ms the design allows: under load the write's completion waits its turn on a busy main thread.
  flushIntervalMs: 100,
  maxChunkRecords: 1024,
  maxChunkBytes: 256 << 10,
  cacheBytes: 64 << 20,
  now: preciseNow,
  setTimer: (callback, ms) => setTimeout(callback, ms),
};

export type PersistState =
  | { kind: 'saving' }
  | { kind: 'failed'; quota: boolean; message: string; unsavedRecords: number }
  | { kind: 'finished' };

export interface RecorderEvents {
  /** Records were added, saved, or a chunk was paged in: a view should redraw (throttled on its side). */
  changed: void;
  persist: PersistState;
}

/**
 * Records one live session: numbers every record, keeps it in a chunk, and writes the chunks that changed, with
 * the session head, in one transaction at least every flush interval.
 *
 * When a write fails (a full disk above all) nothing is dropped: the unsaved chunks stay in memory, writing stops
 * until retry(), and `persist` subscribers are told how much is at risk.
 */
export class Recorder implements FrameSource {
  readonly sessionId: string;
  readonly #writer: FrameWriter;
  readonly #events = new Emitter<RecorderEvents>();
  readonly #options: RecorderOptions;
  readonly #pager: ChunkPager;
  readonly #totals = emptyTotals();
  readonly #lag = new LagHistogram();

  #open: ChunkBuilder;
  /** Chunks with records not yet written, oldest first; the open chunk is last when it has any. */
  #unsaved: ChunkBuilder[] = [];
  /** Records [0, savedCount) are committed to storage. */
  #savedCount = 0;
  #timerPending = false;
  #writing: Promise<void> | null = null;
  #failed: PersistState | null = null;
  #finished = false;

  constructor(
    sessionId: string,
    writer: FrameWriter,
    options: Partial<RecorderOptions> = {},
    /** Reads a saved chunk back once the cache has let it go. */
    readChunk: ChunkLoader = () => Promise.resolve(undefined),
  ) {
    this.sessionId = sessionId;
    this.#writer = writer;
    this.#options = { ...DEFAULT_RECORDER_OPTIONS, ...options };
    this.#pager = new ChunkPager(readChunk, this.#options.cacheBytes, this.#options.now);
    this.#pager.on('loaded', () => this.#events.emit('changed', undefined));
    this.#open = this.#startChunk(0);
  }

  on<K extends keyof RecorderEvents>(type: K, listener: (payload: RecorderEvents[K]) => void): Unsubscribe {
    return this.#events.on(type, listener);
  }

  get length(): number {
    return this.#totals.records;
  }

  get totals(): Readonly<TrafficTotals> {
    return this.#totals;
  }

  get savedCount(): number {
    return this.#savedCount;
  }

  /** Persistence lag, received → committed, over every record saved so far. */
  get lag(): LagHistogram {
    return this.#lag;
  }

  at(seq: number): FrameRecord | undefined {
    return this.#pager.at(seq);
  }

  failure(seq: number): string | undefined {
    return this.#pager.failure(seq);
  }

  chunkStarts(): readonly number[] {
    return this.#pager.starts;
  }

  unsavedChunks(): ChunkColumns[] {
    // Records from savedCount on are not committed, including those of a write still under way; their chunks are
    // pinned in memory.
    const first = this.#pager.chunkStartFor(this.#savedCount) ?? 0;
    return this.#pager.starts
      .filter((start) => start >= first)
      .map((start) => this.#pager.cached(start))
      .filter(
        (chunk): chunk is ChunkColumns =>
          chunk !== undefined && chunk.firstSeq + chunk.count > this.#savedCount,
      )
      .map(copyChunk);
  }

  chunks(): AsyncIterable<ChunkColumns> {
    return this.#pager.chunks();
  }

  seqAtTime(time: number): Promise<number | undefined> {
    return this.#pager.seqAtTime(time);
  }

  append(record: UnnumberedRecord): number {
    if (this.#finished) throw new Error('this recording has finished');
    const seq = this.#totals.records;
    if (
      this.#open.count >= this.#options.maxChunkRecords ||
      this.#open.bytes >= this.#options.maxChunkBytes
    ) {
      this.#open = this.#startChunk(seq);
    }
    this.#open.append(record);
    countRecord(this.#totals, record);
    if (this.#unsaved.at(-1) !== this.#open) this.#unsaved.push(this.#open);
    this.#scheduleFlush();
    this.#events.emit('changed', undefined);
    return seq;
  }

  /** Writes everything not yet saved; resolves once it is committed (or has failed, see persistState). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
    if (this.#unsaved.length === 0 || this.#failed) return;
    this.#writing = this.#write();
    try {
      await this.#writing;
    } finally {
      this.#writing = null;
    }
  }

  /** Tries again after a failed write, on a freshly opened database. */
  async retry(): Promise<void> {
    if (!this.#failed) return;
    this.#failed = null;
    await this.#writer.reopen();
    await this.flush();
    if (!this.#failed)
      this.#events.emit('persist', this.#finished ? { kind: 'finished' } : { kind: 'saving' });
  }

  /** Takes no more records and writes what is left. */
  async finish(): Promise<void> {
    this.#finished = true;
    await this.flush();
    if (!this.#failed) this.#events.emit('persist', { kind: 'finished' });
  }

  #startChunk(firstSeq: number): ChunkBuilder {
    const builder = new ChunkBuilder(firstSeq);
    this.#pager.addStart(firstSeq);
    // The open chunk is read through its live view; pinned until it is closed and saved.
    this.#pager.hold(builder, 0, true);
    return builder;
  }

  #scheduleFlush(): void {
    if (this.#timerPending || this.#failed) return;
    this.#timerPending = true;
    this.#options.setTimer(() => {
      this.#timerPending = false;
      void this.flush();
    }, this.#options.flushIntervalMs);
  }

  async #write(): Promise<void> {
    const batch = this.#unsaved;
    const snapshots = batch.map((builder) => builder.snapshot());
    const lastSeq = this.#totals.records - 1;
    const head: SessionHead = { lastSeq, totals: { ...this.#totals }, flushedAt: this.#options.now() };
    // Records appended while this write is under way go to a new batch.
    this.#unsaved = [];
    try {
      await this.#writer.write(this.sessionId, snapshots, head);
    } catch (error) {
      this.#unsaved = [...batch, ...this.#unsaved.filter((builder) => !batch.includes(builder))];
      const unsavedRecords = this.#totals.records - this.#savedCount;
      const message = messageOf(error ?? 'the transaction was aborted');
      this.#failed = { kind: 'failed', quota: isQuotaError(error), message, unsavedRecords };
      this.#events.emit('persist', this.#failed);
      return;
    }
    const committedAt = this.#options.now();
    this.#countLag(snapshots, this.#savedCount, lastSeq, committedAt);
    this.#savedCount = lastSeq + 1;
    this.#events.emit('changed', undefined);
    for (const builder of batch) {
      // A chunk that took more records while this write was under way is unsaved again: it stays pinned.
      if (builder === this.#open || this.#unsaved.includes(builder)) continue;
      // A closed chunk is now in storage: cache it at its real weight, evictable.
      this.#pager.hold(builder, builder.bytes, false);
    }
    this.#pager.hold(this.#open, this.#open.bytes, true);
  }

  #countLag(
    chunks: { firstSeq: number; count: number; t: Float64Array }[],
    from: number,
    to: number,
    at: number,
  ) {
    for (const chunk of chunks) {
      const start = Math.max(from, chunk.firstSeq);
      const end = Math.min(to, chunk.firstSeq + chunk.count - 1);
      for (let seq = start; seq <= end; seq++) this.#lag.add(at - (chunk.t[seq - chunk.firstSeq] as number));
    }
  }
}
