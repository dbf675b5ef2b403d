import type { SessionMeta } from '../lib/persist/sessions-db';
import type { ChunkColumns } from '../lib/record/chunk';
import type { FrameSource } from '../lib/record/frame-source';
import { emptyTotals, messageCount } from '../lib/record/totals';
import type { FrameRecord } from '../lib/ws/frame';

/** Runs a callback when the screen should next show new records. */
export type FrameScheduler = (callback: () => void) => void;

/**
 * New records reach the screen at most ten times a second. Redrawing a firehose at 60 Hz costs this 2-core machine
 * most of its main thread (measured: the app then received 6 times slower than a bare page), and nobody reads
 * rows that fast; scrolling itself is not throttled.
 */
const MIN_REFRESH_MS = 100;
const HIDDEN_TAB_FALLBACK_MS = 250;

let lastRefresh = 0;

/** On the next animation frame at least MIN_REFRESH_MS after the last; in a hidden tab, by a timer. */
export const nextRefresh: FrameScheduler = (callback) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    lastRefresh = performance.now();
    callback();
  };
  const wait = Math.max(0, lastRefresh + MIN_REFRESH_MS - performance.now());
  setTimeout(() => requestAnimationFrame(once), wait);
  setTimeout(once, wait + HIDDEN_TAB_FALLBACK_MS);
};

const EMPTY: FrameSource = {
  length: 0,
  totals: emptyTotals(),
  at: () => undefined,
  failure: () => undefined,
  chunks: async function* () {
    yield* [];
  },
  seqAtTime: () => Promise.resolve(undefined),
};

/**
 * The session on screen, live or recorded. Its records stay in their FrameSource, never in Svelte state, so a
 * million frames cost no proxies; the UI learns of changes through a version counter bumped at most once per
 * animation frame, and no more than ten times a second.
 */
export class SessionView {
  #source: FrameSource = EMPTY;
  #meta = $state.raw<SessionMeta | null>(null);
  #live = $state(false);
  #version = $state(0);
  #bumpScheduled = false;
  readonly #schedule: FrameScheduler;

  constructor(schedule: FrameScheduler = nextRefresh) {
    this.#schedule = schedule;
  }

  /** Shows another session; `live` when it is the one being recorded now. */
  show(source: FrameSource, meta: SessionMeta, live: boolean): void {
    this.#source = source;
    this.#meta = meta;
    this.#live = live;
    this.#version++;
  }

  /** Shows nothing: the session on screen was deleted. */
  clear(): void {
    this.#source = EMPTY;
    this.#meta = null;
    this.#live = false;
    this.#version++;
  }

  /** Updates what the listing knows of the session on screen (a rename, its end). */
  updateMeta(meta: SessionMeta): void {
    if (this.#meta?.id === meta.id) this.#meta = meta;
  }

  /** Called by the source whenever records arrive or a chunk is read: redraw soon, once. */
  changed(source: FrameSource): void {
    if (source !== this.#source || this.#bumpScheduled) return;
    this.#bumpScheduled = true;
    this.#schedule(() => {
      this.#bumpScheduled = false;
      this.#version++;
    });
  }

  get meta(): SessionMeta | null {
    return this.#meta;
  }

  get isLive(): boolean {
    return this.#live;
  }

  get length(): number {
    void this.#version;
    return this.#source.length;
  }

  get totals() {
    void this.#version;
    const totals = this.#source.totals;
    return { ...totals, messages: messageCount(totals) };
  }

  /** The records on screen as chunks, for an export, with how many there are now (a live session grows). */
  snapshot(): { chunks: AsyncIterable<ChunkColumns>; count: number } {
    return { chunks: this.#source.chunks(), count: this.#source.length };
  }

  /** The first record at or after a time, for "go to". */
  seqAtTime(time: number): Promise<number | undefined> {
    return this.#source.seqAtTime(time);
  }

  /** Origin of relative times. */
  get startTime(): number {
    return this.#meta?.startedAt ?? 0;
  }

  at(seq: number): FrameRecord | undefined {
    void this.#version;
    return this.#source.at(seq);
  }

  /** Why record `seq` cannot be shown, if it cannot: its chunk could not be read from storage. */
  failure(seq: number): string | undefined {
    void this.#version;
    return this.#source.failure(seq);
  }
}
