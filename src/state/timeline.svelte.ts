import type { SearchClient } from '../lib/search/search-client';
import { chunksOf } from '../lib/search/search-protocol';
import type { LatencySummary, TrafficSeries } from '../lib/search/timeline';
import type { DecodingState } from './decoding.svelte';
import type { ShownSessionState } from './shown-session.svelte';

/**
 * The timeline of the session on screen: messages and bytes per second each way, and request/response latency,
 * paired by a JSON field when one is given, else as the session's protocol pairs its messages. Added up in the
 * search worker (shared with the filter) from the stored chunks.
 */
export class TimelineState {
  /** The JSON field that pairs a request with its response, e.g. `id`; empty to use the decoder's pairing. */
  latencyField = $state('');
  #series = $state.raw<TrafficSeries | null>(null);
  #latency = $state.raw<LatencySummary | null>(null);
  #loading = $state(false);
  #error = $state<string | null>(null);
  #jobId = 0;
  readonly #session: ShownSessionState;
  readonly #search: SearchClient;
  readonly #decoding: DecodingState;

  constructor(session: ShownSessionState, search: SearchClient, decoding: DecodingState) {
    this.#session = session;
    this.#search = search;
    this.#decoding = decoding;
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
    if (!meta) return;
    const { chunks, transfer } = chunksOf(this.#session.source, this.#decoding.job);
    this.#loading = true;
    const job = {
      type: 'timeline' as const,
      ...chunks,
      startMs: meta.startedAt,
      endMs: meta.endedAt ?? Date.now(),
      latencyField: this.latencyField,
    };
    this.#jobId = this.#search.run(job, transfer, (reply) => {
      if (reply.id !== this.#jobId) return;
      this.#loading = false;
      if (reply.type === 'timeline') {
        this.#series = reply.series;
        this.#latency = reply.latency;
        this.#error = null;
      } else if (reply.type === 'error') {
        this.#error = `The timeline could not be drawn: ${reply.message}`;
      }
    });
  }

  /**
   * Keeps the chart up with a session being recorded: adds it up again every `everyMs` while it is live and has
   * not ended, skipping a beat while the last sum is still running. Returns the function that stops it.
   */
  followLive(everyMs = 1000): () => void {
    const timer = setInterval(() => {
      if (this.#session.isLive && this.#session.meta?.endedAt === undefined && !this.#loading) this.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }

  /** The timeline closed: its job's result is no longer wanted. */
  dispose(): void {
    this.#search.drop(this.#jobId);
    this.#loading = false;
  }
}
