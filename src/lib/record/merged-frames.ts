import type { Defer } from '../deferred-run';
import { DeferredRun, nextTask } from '../deferred-run';
import type { Unsubscribe } from '../events';
import type { FrameRecord } from '../model/frame';
import type { FrameSource } from './frame-source';

/** A row of the merged sequence: a record and the index of the source it came from. */
export interface MergedRow {
  record: FrameRecord;
  from: number;
}

/** Records merged before the page gets a turn: a million stored records never block it for long. */
const BATCH = 20_000;
/** The source index is kept in a byte per row. */
const MAX_SOURCES = 255;

/**
 * Several sessions' records in one read-only sequence, in time order: what the merged view of the tabs shows.
 * It holds an index of (source, seq) pairs in typed arrays, five bytes a row, built by a k-way merge on the
 * records' times; the records stay in their sources (and their chunk caches), read only for the rows on screen.
 *
 * Live sources grow while it merges: what arrives is merged as it comes. That keeps time order because every live
 * source of a page is stamped by the same clock as it records: a record arriving later is never earlier than one
 * already recorded. A source whose next record is still being read from storage holds the merge until it is read.
 */
export class MergedFrames {
  readonly #sources: readonly FrameSource[];
  readonly #cursors: number[];
  /** The time of each source's next record, once read: one record read per row merged, not one per source. */
  readonly #heads: (number | undefined)[];
  #from = new Uint8Array(1024);
  #seq = new Uint32Array(1024);
  #length = 0;
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: Unsubscribe[];
  readonly #run: DeferredRun;

  constructor(sources: readonly FrameSource[], defer: Defer = nextTask) {
    if (sources.length > MAX_SOURCES) throw new RangeError(`At most ${MAX_SOURCES} sessions can be merged.`);
    this.#sources = sources;
    this.#run = new DeferredRun(() => this.#merge(), defer);
    this.#cursors = sources.map(() => 0);
    this.#heads = sources.map(() => undefined);
    this.#unsubscribe = sources.map((source) => source.on('changed', () => this.#run.schedule()));
    this.#run.schedule();
  }

  get length(): number {
    return this.#length;
  }

  /** The row at a position, or undefined while its record is being read from storage. */
  at(position: number): MergedRow | undefined {
    if (position < 0 || position >= this.#length) return undefined;
    const from = this.#from[position] ?? 0;
    const record = this.#sources[from]?.at(this.#seq[position] ?? 0);
    return record && { record, from };
  }

  /** Why the row at a position cannot be shown, when its chunk could not be read. */
  failure(position: number): string | undefined {
    if (position < 0 || position >= this.#length) return undefined;
    return this.#sources[this.#from[position] ?? 0]?.failure(this.#seq[position] ?? 0);
  }

  /**
   * Rows were merged, or a source changed (a record arrived, or a chunk was read for a row on screen or for the
   * merged view's filter): a view should redraw (it throttles itself).
   */
  on(type: 'changed', listener: () => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    this.#run.dispose();
    for (const off of this.#unsubscribe) off();
    this.#listeners.clear();
  }

  /** The time of a source's next record; undefined when it has none yet, or it is being read (and is asked for). */
  #head(index: number): number | undefined {
    const known = this.#heads[index];
    if (known !== undefined) return known;
    const source = this.#sources[index];
    const cursor = this.#cursors[index] ?? 0;
    if (source === undefined || cursor >= source.length) return undefined;
    // A record that cannot be read at all is merged where it is met, so it shows its failure instead of holding up all.
    const time = source.failure(cursor) === undefined ? source.at(cursor)?.t : -Infinity;
    this.#heads[index] = time;
    return time;
  }

  #merge(): void {
    let merged = 0;
    while (merged < BATCH) {
      let best = -1;
      let bestTime = Infinity;
      let waiting = false;
      this.#sources.forEach((source, index) => {
        const time = this.#head(index);
        if (time === undefined) waiting ||= (this.#cursors[index] ?? 0) < source.length;
        else if (best < 0 || time < bestTime) [best, bestTime] = [index, time];
      });
      if (waiting || best < 0) break;
      this.#append(best);
      merged++;
    }
    // Told even when nothing merged: a chunk read for a row already merged changes what that row shows.
    for (const listener of this.#listeners) listener();
    if (merged === BATCH) this.#run.schedule();
  }

  #append(index: number): void {
    if (this.#length === this.#seq.length) {
      const from = new Uint8Array(this.#length * 2);
      const seq = new Uint32Array(this.#length * 2);
      from.set(this.#from);
      seq.set(this.#seq);
      [this.#from, this.#seq] = [from, seq];
    }
    const cursor = this.#cursors[index] ?? 0;
    this.#from[this.#length] = index;
    this.#seq[this.#length] = cursor;
    this.#length++;
    this.#cursors[index] = cursor + 1;
    this.#heads[index] = undefined;
  }
}
