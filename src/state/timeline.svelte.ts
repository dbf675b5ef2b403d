import type { TimelineRequest, WorkerReply } from '../lib/search/search-protocol';
import { chunksOf } from '../lib/search/search-protocol';
import type { LatencySummary, TrafficSeries } from '../lib/search/timeline';
import type { SessionView } from './shown-session.svelte';

/**
 * The timeline of the session on screen: messages and bytes per second each way, and request/response latency
 * for pairs matched by a JSON field. Added up in the search worker from the stored chunks; one worker per open
 * timeline, ended when the timeline closes.
 */
export class TimelineState {
  /** The JSON field that pairs a request with its response, e.g. `id`; empty for no latency. */
  latencyField = $state('');
  #series = $state.raw<TrafficSeries | null>(null);
  #latency = $state.raw<LatencySummary | null>(null);
  #loading = $state(false);
  #error = $state<string | null>(null);
  #worker: Worker | null = null;
  #requestId = 0;
  readonly #session: SessionView;
  readonly #createWorker: () => Worker;

  constructor(session: SessionView, createWorker: () => Worker) {
    this.#session = session;
    this.#createWorker = createWorker;
  }

  get series(): TrafficSeries | null {
    return this.#series;
  }
  get latency(): LatencySummary | null {
    return this.#latency;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): string | null {
    return this.#error;
  }

  /** Adds the session up again: on opening, on another session, and on request while recording. */
  refresh(): void {
    const meta = this.#session.meta;
    const source = this.#session.source;
    if (!meta) return;
    this.#worker ??= this.#createWorker();
    const id = ++this.#requestId;
    const { chunks, transfer } = chunksOf(source);
    const request: TimelineRequest = {
      type: 'timeline',
      id,
      ...chunks,
      startMs: meta.startedAt,
      endMs: meta.endedAt ?? Date.now(),
      latencyField: this.latencyField,
    };
    this.#loading = true;
    this.#worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.id !== this.#requestId) return;
      this.#loading = false;
      if (reply.type === 'timeline') {
        this.#series = reply.series;
        this.#latency = reply.latency;
        this.#error = null;
      } else if (reply.type === 'error') {
        this.#error = `The timeline could not be drawn: ${reply.message}`;
      }
    };
    this.#worker.postMessage(request, transfer);
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
