import type { Defer } from '../deferred-run';
import { DeferredRun, nextTask } from '../deferred-run';
import { decodeUtf8 } from '../encoding/utf8';
import type { Unsubscribe } from '../events';
import type { FrameRecord } from '../model/frame';
import type { MergedRow } from '../record/merged-frames';

/** The merged rows as the filter reads them (MergedFrames has this shape). */
export interface MergedRows {
  readonly length: number;
  at(position: number): MergedRow | undefined;
  failure(position: number): string | undefined;
  on(type: 'changed', listener: () => void): Unsubscribe;
}

/** Rows tested before the page gets a turn. */
const BATCH = 20_000;
/** As the tabs' filter: the first 64 KB of a binary payload are searched as UTF-8. */
const SEARCHED_BYTES = 64 * 1024;

/**
 * A substring filter over the merged view, run on the page: the merged rows live in the tabs' sessions (their
 * chunk caches and storage), not in one session the search worker could page through. It scans in batches and in
 * merge order, so its matches stay in time order; a row whose chunk is still being read holds the scan until
 * the read arrives (MergedFrames then says it changed), and rows merged later are scanned as they come.
 * Case-insensitive, over a frame's text, a binary frame's bytes as UTF-8, and an event's words.
 */
export class MergedFilter {
  readonly #rows: MergedRows;
  readonly #needle: string;
  readonly #run: DeferredRun;
  readonly #listeners = new Set<() => void>();
  readonly #off: Unsubscribe;
  /** The merged positions that match, in order. */
  #positions = new Uint32Array(256);
  #length = 0;
  #scanned = 0;

  constructor(rows: MergedRows, query: string, defer: Defer = nextTask) {
    this.#rows = rows;
    this.#needle = query.toLowerCase();
    this.#run = new DeferredRun(() => this.#scan(), defer);
    this.#off = rows.on('changed', () => this.#run.schedule());
    this.#run.schedule();
  }

  /** The rows that match so far. */
  get length(): number {
    return this.#length;
  }

  /** Whether rows merged so far are still to be tested. */
  get scanning(): boolean {
    return this.#scanned < this.#rows.length;
  }

  /** The merged position of match `index`. */
  position(index: number): number | undefined {
    return index >= 0 && index < this.#length ? this.#positions[index] : undefined;
  }

  /** Where a merged position is among the matches, or -1. */
  indexOf(position: number): number {
    let low = 0;
    let high = this.#length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.#positions[middle] ?? 0;
      if (at === position) return middle;
      if (at < position) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** Matches were found, or the scan moved on: a view should redraw. */
  on(type: 'changed', listener: () => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    this.#run.dispose();
    this.#off();
    this.#listeners.clear();
  }

  #scan(): void {
    const end = Math.min(this.#rows.length, this.#scanned + BATCH);
    const before = this.#scanned;
    while (this.#scanned < end) {
      const row = this.#rows.at(this.#scanned);
      // Being read: the read's arrival is a change, which schedules the scan again from here.
      if (row === undefined && this.#rows.failure(this.#scanned) === undefined) break;
      if (row !== undefined && searchedText(row.record).toLowerCase().includes(this.#needle)) {
        this.#append(this.#scanned);
      }
      this.#scanned++;
    }
    if (this.#scanned > before) for (const listener of this.#listeners) listener();
    if (this.#scanned === end && end < this.#rows.length) this.#run.schedule();
  }

  #append(position: number): void {
    if (this.#length === this.#positions.length) {
      const grown = new Uint32Array(this.#length * 2);
      grown.set(this.#positions);
      this.#positions = grown;
    }
    this.#positions[this.#length++] = position;
  }
}

/** What the filter looks in: the text a person reads in the row and its details. */
export function searchedText(record: FrameRecord): string {
  switch (record.kind) {
    case 'text':
      return record.text;
    case 'binary':
      return decodeUtf8(record.bytes.subarray(0, SEARCHED_BYTES)).text;
    case 'note':
      return record.text;
    case 'open':
      return `open ${record.protocol} ${record.extensions}`;
    case 'close':
      return `close ${record.code} ${record.reason}`;
    case 'error':
      return `error ${record.message}`;
  }
}
