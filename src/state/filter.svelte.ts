import { formatCount } from '../lib/display/size';
import { toIsoTime } from '../lib/display/time';
import type { FilterForm } from '../lib/search/filter-form';
import { EMPTY_FILTER_FORM, isEmptyFilter, parseFilterForm } from '../lib/search/filter-form';
import { MatchList } from '../lib/search/match-list';
import type { SearchClient } from '../lib/search/search-client';
import type { FilterSpec } from '../lib/search/filter';
import { chunksOf, type WorkerReply } from '../lib/search/search-protocol';
import type { DecodingState } from './decoding.svelte';
import type { FrameViewState } from './frame-view.svelte';
import type { ShownSessionState } from './shown-session.svelte';

/** Typing pauses this long before the filter runs. */
const DEBOUNCE_MS = 200;

/**
 * The Filter box and its controls. Filtering runs in the search worker over the session's chunks; the grid shows
 * the matches as they are found ("N of M"), keeps up with frames arriving while the filter is on, and a running
 * filter can be cancelled, which stops a pathological regex by ending the worker.
 */
export class FilterState implements FilterForm {
  // The form's fields, bound directly by the filter bar; apply() reads them (parseFilterForm).
  text = $state(EMPTY_FILTER_FORM.text);
  caseSensitive = $state(EMPTY_FILTER_FORM.caseSensitive);
  regex = $state(EMPTY_FILTER_FORM.regex);
  direction = $state(EMPTY_FILTER_FORM.direction);
  kind = $state(EMPTY_FILTER_FORM.kind);
  minSize = $state(EMPTY_FILTER_FORM.minSize);
  maxSize = $state(EMPTY_FILTER_FORM.maxSize);
  fromTime = $state(EMPTY_FILTER_FORM.fromTime);
  toTime = $state(EMPTY_FILTER_FORM.toTime);
  json = $state(EMPTY_FILTER_FORM.json);

  #running = $state(false);
  /** How long the last complete run took, from apply to the last match. */
  #lastRunMs = $state<number | null>(null);
  #startedAt = 0;
  #matchCount = $state(0);
  #scannedTo = $state(0);
  #warnings = $state.raw<string[]>([]);
  #error = $state<string | null>(null);
  /** The filter on, null when every frame is shown. */
  #spec = $state.raw<FilterSpec | null>(null);
  #source: unknown = null; // the session the matches belong to
  #matches = new MatchList();
  /** The job whose replies are wanted; a new run or a cancel moves on from it. */
  #jobId = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #session: ShownSessionState;
  readonly #view: FrameViewState;
  readonly #search: SearchClient;
  readonly #decoding: DecodingState;

  constructor(
    session: ShownSessionState,
    view: FrameViewState,
    search: SearchClient,
    decoding: DecodingState,
  ) {
    this.#session = session;
    this.#view = view;
    this.#search = search;
    this.#decoding = decoding;
    // New frames while a filter is on are filtered as they arrive, a refresh at a time; another session shown
    // is filtered the same way from its start.
    session.onRefresh(() => {
      if (this.#spec !== null && session.source !== this.#source) this.apply();
      else this.#catchUp();
    });
  }

  get active(): boolean {
    return this.#spec !== null;
  }
  get running(): boolean {
    return this.#running;
  }
  get matchCount(): number {
    return this.#matchCount;
  }
  /** Records scanned so far, of the session's records. */
  get scanned(): number {
    return this.#scannedTo;
  }
  get lastRunMs(): number | null {
    return this.#lastRunMs;
  }
  get warnings(): readonly string[] {
    return this.#warnings;
  }
  get error(): string | null {
    return this.#error;
  }

  /** Runs the filter after a pause in typing. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.apply(), DEBOUNCE_MS);
  }

  /** Runs the filter now over the whole session, replacing any run under way. */
  apply(): void {
    clearTimeout(this.#timer);
    const parsed = parseFilterForm(this, this.#session.startTime);
    this.#error = parsed.ok ? null : parsed.error;
    // The worker keeps the chunks it has read for the next run (unless this run was stuck in a regex).
    this.#search.drop(this.#jobId);
    this.#running = false;
    this.#view.select(null);
    if (!parsed.ok || isEmptyFilter(parsed.value)) {
      this.#spec = null;
      this.#session.setFiltered(null);
      return;
    }
    this.#spec = parsed.value;
    this.#source = this.#session.source;
    // The same list, with room for every record: the matches are copied in without growing it or new memory.
    this.#matches.clear(this.#session.source.length);
    this.#matchCount = 0;
    this.#scannedTo = 0;
    this.#warnings = [];
    this.#lastRunMs = null;
    this.#startedAt = performance.now();
    this.#publish();
    this.#scan(0);
  }

  /** Stops a running filter; what it found so far stays shown. */
  cancel(): void {
    if (!this.#running) return;
    // Ending the worker is the only way to stop a regex stuck in it.
    this.#search.drop(this.#jobId);
    this.#search.terminate('A filter was cancelled.');
    this.#running = false;
    this.#warnings = [
      ...this.#warnings,
      `Cancelled after ${formatCount(this.#scannedTo)} of ${formatCount(this.#session.recordCount)} records.`,
    ];
  }

  /** Shows every frame again. */
  clear(): void {
    Object.assign(this, EMPTY_FILTER_FORM);
    this.apply();
  }

  /** Filters by a time range (a brush on the timeline), or drops it (null), keeping the other conditions. */
  setTimeRange(range: { from: number; to: number } | null): void {
    this.fromTime = range ? toIsoTime(range.from) : '';
    this.toTime = range ? toIsoTime(range.to) : '';
    this.apply();
  }

  /** Scans records from `fromSeq` to the session's current end. */
  #scan(fromSeq: number): void {
    const spec = this.#spec;
    const source = this.#session.source;
    if (spec === null) return;
    const { chunks, transfer } = chunksOf(source, this.#decoding.job);
    this.#running = true;
    this.#jobId = this.#search.run(
      { type: 'filter', ...chunks, spec, fromSeq, toSeq: source.length },
      transfer,
      (reply) => this.#receive(reply),
    );
  }

  #receive(reply: WorkerReply): void {
    if (reply.id !== this.#jobId) return;
    if (reply.type === 'error') {
      this.#error = `The filter stopped: ${reply.message}`;
      this.#running = false;
    } else if (reply.type === 'progress') {
      this.#matches.append(reply.matches);
      this.#scannedTo = reply.scannedTo;
      this.#publish();
    } else if (reply.type === 'done') {
      this.#scannedTo = reply.scannedTo;
      this.#warnings = [...this.#warnings, ...reply.warnings.filter((w) => !this.#warnings.includes(w))];
      this.#running = false;
      if (this.#lastRunMs === null) this.#lastRunMs = Math.round(performance.now() - this.#startedAt);
      this.#catchUp();
    }
  }

  /** Filters frames that arrived since the last scan. */
  #catchUp(): void {
    if (this.#spec === null || this.#running || this.#session.source.length <= this.#scannedTo) return;
    this.#scan(this.#scannedTo);
  }

  #publish(): void {
    this.#matchCount = this.#matches.length;
    this.#session.setFiltered(this.#matches);
  }
}
