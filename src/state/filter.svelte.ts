import { toIsoTime } from '../lib/display/time';
import { parseGoTo } from '../lib/frames/go-to';
import type { DirectionFilter, FilterSpec, KindFilter } from '../lib/search/filter';
import { isEmptyFilter } from '../lib/search/filter';
import type { FilterRequest, WorkerReply } from '../lib/search/search-protocol';
import { chunksOf } from '../lib/search/search-protocol';
import { MatchList } from '../lib/search/match-list';
import type { FrameViewState } from './frame-view.svelte';
import type { SessionView } from './shown-session.svelte';

/** Typing pauses this long before the filter runs. */
const DEBOUNCE_MS = 200;
/** A worker that has not answered for this long is taken to be stuck in a regex. */
const STUCK_MS = 1000;

/** Starts the filter's worker; the composition root passes Vite's worker constructor. */
export type WorkerFactory = () => Worker;

/**
 * The Filter box and its controls. Filtering runs in a worker over the session's chunks; the grid shows the
 * matches as they are found ("N of M"), keeps up with frames arriving while the filter is on, and a running
 * filter can be cancelled, which stops a pathological regex by ending its worker.
 */
export class FilterState {
  // The form's fields, bound directly by the filter bar; apply() reads them.
  text = $state('');
  caseSensitive = $state(false);
  regex = $state(false);
  direction = $state<DirectionFilter>('all');
  kind = $state<KindFilter>('all');
  minSize = $state('');
  maxSize = $state('');
  fromTime = $state('');
  toTime = $state('');
  json = $state('');

  #running = $state(false);
  /** How long the last complete run took, from apply to the last match. */
  #lastRunMs = $state<number | null>(null);
  #startedAt = 0;
  /** When the worker last answered: one silent for long is stuck in a regex. */
  #lastReplyAt = 0;
  #matchCount = $state(0);
  #scannedTo = $state(0);
  #warnings = $state.raw<string[]>([]);
  #error = $state<string | null>(null);
  #active = $state(false);

  #spec: FilterSpec | null = null;
  /** The session the matches belong to. */
  #source: unknown = null;
  #matches = new MatchList();
  #worker: Worker | null = null;
  #runId = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #session: SessionView;
  readonly #view: FrameViewState;
  readonly #createWorker: WorkerFactory;

  constructor(session: SessionView, view: FrameViewState, createWorker: WorkerFactory) {
    this.#session = session;
    this.#view = view;
    this.#createWorker = createWorker;
    // New frames while a filter is on are filtered as they arrive, a refresh at a time; another session shown
    // is filtered the same way from its start.
    session.onRefresh(() => {
      if (this.#active && session.source !== this.#source) this.apply();
      else this.#catchUp();
    });
  }

  get active(): boolean {
    return this.#active;
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
    const spec = this.#readSpec();
    this.#supersede();
    this.#view.select(null);
    if (spec === null || isEmptyFilter(spec)) {
      this.#spec = null;
      this.#active = false;
      this.#session.setFiltered(null);
      return;
    }
    this.#spec = spec;
    this.#source = this.#session.source;
    this.#active = true;
    this.#matches = new MatchList();
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
    this.#stopWorker();
    this.#warnings = [
      ...this.#warnings,
      `Cancelled after ${this.#scannedTo.toLocaleString('en-US')} of ${this.#session.recordCount.toLocaleString('en-US')} records.`,
    ];
  }

  /** Shows every frame again. */
  clear(): void {
    this.text = '';
    this.caseSensitive = false;
    this.regex = false;
    this.direction = 'all';
    this.kind = 'all';
    this.minSize = '';
    this.maxSize = '';
    this.fromTime = '';
    this.toTime = '';
    this.json = '';
    this.apply();
  }

  /** Filters by a time range (from the timeline), keeping the other conditions. */
  setTimeRange(from: number, to: number): void {
    this.fromTime = toIsoTime(from);
    this.toTime = toIsoTime(to);
    this.apply();
  }

  #readSpec(): FilterSpec | null {
    this.#error = null;
    const size = (text: string, what: string) => {
      if (text.trim() === '') return undefined;
      const value = Number(text);
      if (Number.isFinite(value) && value >= 0) return value;
      this.#error = `The ${what} size must be a number of bytes.`;
      return undefined;
    };
    const time = (text: string, what: string) => {
      if (text.trim() === '') return undefined;
      const parsed = parseGoTo(text, this.#session.startTime);
      if (parsed.ok && 'time' in parsed.value) return parsed.value.time;
      this.#error = `The ${what} time is not a time: write 14:03:07.250, +90s or a date and time.`;
      return undefined;
    };
    const spec: FilterSpec = {
      text: this.text,
      caseSensitive: this.caseSensitive,
      regex: this.regex,
      direction: this.direction,
      kind: this.kind,
      minSize: size(this.minSize, 'smallest'),
      maxSize: size(this.maxSize, 'largest'),
      fromTime: time(this.fromTime, 'from'),
      toTime: time(this.toTime, 'to'),
      json: this.json,
    };
    return this.#error === null ? spec : null;
  }

  /** Scans records from `fromSeq` to the session's current end. */
  #scan(fromSeq: number): void {
    const spec = this.#spec;
    const source = this.#session.source;
    if (spec === null) return;
    this.#worker ??= this.#createWorker();
    const worker = this.#worker;
    const { chunks, transfer } = chunksOf(source);
    const request: FilterRequest = {
      type: 'filter',
      id: ++this.#runId,
      ...chunks,
      spec,
      fromSeq,
      toSeq: source.length,
    };
    this.#running = true;
    this.#lastReplyAt = performance.now();
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#receive(event.data);
    worker.onerror = (event) => {
      this.#error = `The filter stopped: ${event.message}`;
      this.#stopWorker();
    };
    worker.postMessage(request, transfer);
  }

  #receive(reply: WorkerReply): void {
    this.#lastReplyAt = performance.now();
    if (reply.id !== this.#runId) return;
    if (reply.type === 'error') {
      this.#error = `The filter stopped: ${reply.message}`;
      this.#running = false;
      return;
    }
    if (reply.type === 'timeline') return;
    if (reply.type === 'progress') {
      this.#matches.append(reply.matches);
      this.#scannedTo = reply.scannedTo;
      this.#publish();
      return;
    }
    this.#scannedTo = reply.scannedTo;
    this.#warnings = [...this.#warnings, ...reply.warnings.filter((w) => !this.#warnings.includes(w))];
    this.#running = false;
    if (this.#lastRunMs === null) this.#lastRunMs = Math.round(performance.now() - this.#startedAt);
    this.#catchUp();
  }

  /** Filters frames that arrived since the last scan. */
  #catchUp(): void {
    if (!this.#active || this.#running || this.#session.source.length <= this.#scannedTo) return;
    this.#scan(this.#scannedTo);
  }

  #publish(): void {
    this.#matchCount = this.#matches.length;
    const matches = this.#matches;
    this.#session.setFiltered({
      length: matches.length,
      seqAt: (position) => matches.seqAt(position),
      positionOf: (seq) => matches.positionOf(seq),
    });
  }

  /**
   * A new run replaces the one under way. The worker is kept (with the chunks it has read) unless it has been
   * silent for a while: then it is stuck in a regex and is ended.
   */
  #supersede(): void {
    if (this.#running && performance.now() - this.#lastReplyAt > STUCK_MS) this.#stopWorker();
    this.#runId++;
    this.#running = false;
  }

  #stopWorker(): void {
    // A worker stuck in a regex cannot be interrupted: it is ended, and the next filter starts a new one.
    if (this.#running) {
      this.#worker?.terminate();
      this.#worker = null;
    }
    this.#runId++;
    this.#running = false;
  }
}
