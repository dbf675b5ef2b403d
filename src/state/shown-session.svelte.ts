import type { SessionMeta } from '../lib/model/session';
import type { FrameSource } from '../lib/record/frame-source';
import { EMPTY_SOURCE } from '../lib/record/frame-source';
import { messageCount } from '../lib/model/totals';
import type { Unsubscribe } from '../lib/events';
import type { FrameRecord } from '../lib/model/frame';
import type { FrameScheduler } from './refresh-scheduler';

/** The records a filter lets through, by seq, in order: what the grid shows while a filter is on. */
export interface FilteredRows {
  readonly length: number;
  seqAt(position: number): number;
  /** The position of the first row at or after `seq`. */
  positionOf(seq: number): number;
}

/**
 * The session on screen in one panel, live or recorded. Its records stay in their FrameSource, never in Svelte
 * state, so a million frames cost no proxies; the UI learns of changes through a version counter bumped at most
 * once per animation frame, and no more than ten times a second.
 */
export class ShownSessionState {
  #source: FrameSource = EMPTY_SOURCE;
  #filtered: FilteredRows | null = null;
  /** While the live view is paused: the rows shown when it was paused. Capture goes on underneath. */
  #pausedLength = $state<number | null>(null);
  #listeners: (() => void)[] = [];
  #meta = $state.raw<SessionMeta | null>(null);
  #live = $state(false);
  #version = $state(0);
  #bumpScheduled = false;
  readonly #schedule: FrameScheduler;

  #unsubscribe: Unsubscribe = () => undefined;

  constructor(schedule: FrameScheduler) {
    this.#schedule = schedule;
  }

  /** Shows another session; `live` when it is the one being recorded now. */
  show(source: FrameSource, meta: SessionMeta, live: boolean): void {
    this.#unsubscribe();
    this.#unsubscribe = source.on('changed', () => this.#changed());
    this.#source = source;
    this.#filtered = null;
    this.#pausedLength = null;
    this.#meta = meta;
    this.#live = live;
    this.#version++;
    for (const listener of this.#listeners) listener();
  }

  /** Shows nothing: the session on screen was deleted. */
  clear(): void {
    this.#unsubscribe();
    this.#source = EMPTY_SOURCE;
    this.#filtered = null;
    this.#pausedLength = null;
    this.#meta = null;
    this.#live = false;
    this.#version++;
  }

  /** Updates what the listing knows of the session on screen (a rename, its end). */
  updateMeta(meta: SessionMeta): void {
    if (this.#meta?.id === meta.id) this.#meta = meta;
  }

  /** Records arrived or a chunk was read: redraw soon, once. */
  #changed(): void {
    if (this.#bumpScheduled) return;
    this.#bumpScheduled = true;
    this.#schedule(() => {
      this.#bumpScheduled = false;
      this.#version++;
      for (const listener of this.#listeners) listener();
    });
  }

  /** Shows only these rows (null: all of them). Called again as the filter finds more. */
  setFiltered(rows: FilteredRows | null): void {
    this.#filtered = rows;
    // A new filter while paused shows what it finds up to now, then holds again.
    if (this.#pausedLength !== null) this.#pausedLength = this.#shownLength();
    this.#version++;
  }

  /** Holds the rows on screen still while recording goes on. */
  pause(): void {
    this.#pausedLength = this.#shownLength();
  }

  resume(): void {
    this.#pausedLength = null;
  }

  get paused(): boolean {
    return this.#pausedLength !== null;
  }

  /** Rows that arrived while paused, not yet shown. */
  get arrivedWhilePaused(): number {
    void this.#version;
    return this.#pausedLength === null ? 0 : this.#shownLength() - this.#pausedLength;
  }

  #shownLength(): number {
    return this.#filtered ? this.#filtered.length : this.#source.length;
  }

  get isFiltered(): boolean {
    void this.#version;
    return this.#filtered !== null;
  }

  /**
   * Runs when another session is shown and at each refresh of the one on screen (at most ten times a second):
   * a filter keeps up with it.
   */
  onRefresh(listener: () => void): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** The source itself, for the filter: every record, whatever is shown. */
  get source(): FrameSource {
    return this.#source;
  }

  /** The position of the row for `seq` among those shown (the next one shown when it is filtered out). */
  positionOf(seq: number): number {
    return this.#filtered ? this.#filtered.positionOf(seq) : seq;
  }

  get meta(): SessionMeta | null {
    return this.#meta;
  }

  get isLive(): boolean {
    return this.#live;
  }

  /** Rows shown: every record, or those the filter lets through. */
  get length(): number {
    void this.#version;
    return this.#pausedLength ?? this.#shownLength();
  }

  /** Every record of the session, filtered or not. */
  get recordCount(): number {
    void this.#version;
    return this.#source.length;
  }

  get totals() {
    void this.#version;
    const totals = this.#source.totals;
    return { ...totals, messages: messageCount(totals) };
  }

  /** The first record at or after a time, for "go to". */
  seqAtTime(time: number): Promise<number | undefined> {
    return this.#source.seqAtTime(time);
  }

  /** Origin of relative times. */
  get startTime(): number {
    return this.#meta?.startedAt ?? 0;
  }

  /** The record shown at a position (its seq when nothing is filtered). */
  at(position: number): FrameRecord | undefined {
    void this.#version;
    return this.#source.at(this.#filtered ? this.#filtered.seqAt(position) : position);
  }

  /** Why the record at a position cannot be shown, if it cannot: its chunk could not be read from storage. */
  failure(position: number): string | undefined {
    void this.#version;
    return this.#source.failure(this.#filtered ? this.#filtered.seqAt(position) : position);
  }
}
