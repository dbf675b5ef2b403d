import type { Unsubscribe } from '../events';
import { Emitter } from '../events';
import type { FrameWriter } from './frame-store';
import type { FrameRecord, UnnumberedRecord } from '../model/frame';
import { ChunkBuilder, copyChunk } from './chunk';
import type { ChunkLoader } from './chunk-pager';
import { ChunkPager } from './chunk-pager';
import type { ChunkColumns } from './chunk';
import { ChunkSaver } from './chunk-saver';
import type { FrameSource } from './frame-source';
import type { LagHistogram } from './lag-histogram';
import type { TrafficTotals } from '../model/totals';
import { countRecord, emptyTotals } from '../model/totals';
import type { RecorderEvents, RecorderOptions } from './recorder-types';
import { chunkIsFull, DEFAULT_RECORDER_OPTIONS } from './recorder-types';

export type { PersistState, RecorderOptions } from './recorder-types';
export { DEFAULT_RECORDER_OPTIONS } from './recorder-types';

/**
 * Records one live session: numbers every record, keeps it in a chunk, reads it back as a FrameSource, and has a
 * ChunkSaver write the chunks that changed.
 *
 * When a write fails (a full disk above all) nothing is dropped: the unsaved chunks stay in memory, writing stops
 * until retry(), and `persist` subscribers are told how much is at risk.
 */
export class Recorder implements FrameSource {
  readonly sessionId: string;
  readonly #events = new Emitter<RecorderEvents>();
  readonly #options: RecorderOptions;
  readonly #pager: ChunkPager;
  readonly #totals = emptyTotals();
  readonly #saver: ChunkSaver;

  #open: ChunkBuilder;
  #finished = false;

  constructor(
    sessionId: string,
    writer: FrameWriter,
    options: Partial<RecorderOptions> = {},
    /** Reads a saved chunk back once the cache has let it go. */
    readChunk: ChunkLoader = () => Promise.resolve(undefined),
  ) {
    this.sessionId = sessionId;
    this.#options = { ...DEFAULT_RECORDER_OPTIONS, ...options };
    this.#pager = new ChunkPager(readChunk, this.#options.cacheBytes, this.#options.now);
    this.#pager.on('loaded', () => this.#events.emit('changed', undefined));
    this.#open = this.#startChunk(0);
    this.#saver = new ChunkSaver({
      sessionId,
      writer,
      options: this.#options,
      pager: this.#pager,
      totals: this.#totals,
      openChunk: () => this.#open,
      saved: () => this.#events.emit('changed', undefined),
      failed: (state) => this.#events.emit('persist', state),
    });
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
    return this.#saver.savedCount;
  }

  /** Persistence lag, received → committed, over every record saved so far. */
  get lag(): LagHistogram {
    return this.#saver.lag;
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
    // Storage does not hold these whole under their starts (records not yet written, or an open chunk in pieces);
    // they are pinned in memory.
    return this.#saver.notStoredWhole().map((chunk) => copyChunk(chunk));
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
    if (chunkIsFull(this.#open, this.#options)) {
      this.#saver.closed(this.#open);
      this.#open = this.#startChunk(seq);
    }
    this.#open.append(record);
    countRecord(this.#totals, record);
    this.#saver.took(this.#open);
    this.#events.emit('changed', undefined);
    return seq;
  }

  /** Writes everything not yet saved; resolves once it is committed (or has failed, see persistState). */
  flush(): Promise<void> {
    return this.#saver.flush();
  }

  /** Tries again after a failed write, on a freshly opened database. */
  async retry(): Promise<void> {
    if (await this.#saver.retry())
      this.#events.emit('persist', this.#finished ? { kind: 'finished' } : { kind: 'saving' });
  }

  /** Takes no more records and writes what is left. */
  async finish(): Promise<void> {
    this.#finished = true;
    this.#saver.closed(this.#open);
    await this.#saver.flush();
    if (!this.#saver.failed) this.#events.emit('persist', { kind: 'finished' });
  }

  #startChunk(firstSeq: number): ChunkBuilder {
    const builder = new ChunkBuilder(firstSeq);
    this.#pager.addStart(firstSeq);
    // The open chunk is read through its live view; pinned until it is closed and saved.
    this.#pager.hold(builder, 0, true);
    return builder;
  }
}
