import type { ChunkColumns } from '../record/chunk';
import { isInbound, kindOf } from '../record/chunk';

/** Traffic over time in equal buckets: what the timeline draws. Times are epoch seconds, for uPlot. */
export interface TrafficSeries {
  bucketSeconds: number;
  times: Float64Array;
  messagesIn: Float64Array;
  messagesOut: Float64Array;
  bytesIn: Float64Array;
  bytesOut: Float64Array;
}

/** At most this many buckets: more points than a chart is wide buys nothing. */
const MAX_BUCKETS = 2000;
const NICE_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

/** A bucket size from the list above that keeps a session of this length within MAX_BUCKETS. */
export function bucketSecondsFor(durationMs: number): number {
  const wanted = durationMs / 1000 / MAX_BUCKETS;
  return NICE_SECONDS.find((seconds) => seconds >= wanted) ?? Math.ceil(wanted / 86400) * 86400;
}

/** Adds up messages and bytes per bucket, each way, a chunk at a time. */
export class TrafficCounter {
  readonly #start: number;
  readonly #bucketMs: number;
  readonly #series: TrafficSeries;

  constructor(startMs: number, endMs: number) {
    const bucketSeconds = bucketSecondsFor(Math.max(0, endMs - startMs));
    this.#bucketMs = bucketSeconds * 1000;
    this.#start = Math.floor(startMs / this.#bucketMs) * this.#bucketMs;
    const buckets = Math.max(1, Math.floor((endMs - this.#start) / this.#bucketMs) + 1);
    this.#series = {
      bucketSeconds,
      times: Float64Array.from({ length: buckets }, (_, i) => (this.#start + i * this.#bucketMs) / 1000),
      messagesIn: new Float64Array(buckets),
      messagesOut: new Float64Array(buckets),
      bytesIn: new Float64Array(buckets),
      bytesOut: new Float64Array(buckets),
    };
  }

  add(chunk: ChunkColumns): void {
    const series = this.#series;
    const last = series.times.length - 1;
    for (let i = 0; i < chunk.count; i++) {
      const kind = kindOf(chunk.flags[i] as number);
      if (kind !== 'text' && kind !== 'binary') continue;
      const bucket = Math.min(
        last,
        Math.max(0, Math.floor(((chunk.t[i] as number) - this.#start) / this.#bucketMs)),
      );
      const size = chunk.size[i] as number;
      if (isInbound(chunk.flags[i] as number)) {
        series.messagesIn[bucket] = (series.messagesIn[bucket] as number) + 1;
        series.bytesIn[bucket] = (series.bytesIn[bucket] as number) + size;
      } else {
        series.messagesOut[bucket] = (series.messagesOut[bucket] as number) + 1;
        series.bytesOut[bucket] = (series.bytesOut[bucket] as number) + size;
      }
    }
  }

  /** Per-second rates: counts divided by the bucket's length. */
  result(): TrafficSeries {
    const { bucketSeconds } = this.#series;
    for (const column of [
      this.#series.messagesIn,
      this.#series.messagesOut,
      this.#series.bytesIn,
      this.#series.bytesOut,
    ]) {
      for (let i = 0; i < column.length; i++) column[i] = (column[i] as number) / bucketSeconds;
    }
    return this.#series;
  }
}

export interface LatencySummary {
  field: string;
  pairs: number;
  /** Sent requests no response matched. */
  unanswered: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * Request/response latency: a sent JSON message and the first received one with the same value in `field`
 * (e.g. `id`) make a pair. Only texts that name the field are parsed.
 */
export class LatencyMatcher {
  readonly #path: string[];
  readonly #quotedKey: string;
  readonly #sent = new Map<string, number>();
  readonly #latencies: number[] = [];

  constructor(field: string) {
    this.#path = field.split('.');
    this.#quotedKey = `"${this.#path.at(-1) ?? ''}"`;
  }

  add(chunk: ChunkColumns): void {
    for (let i = 0; i < chunk.count; i++) {
      const text = chunk.payload[i];
      if (typeof text !== 'string' || !text.includes(this.#quotedKey)) continue;
      const key = this.#keyOf(text);
      if (key === undefined) continue;
      const t = chunk.t[i] as number;
      if (!isInbound(chunk.flags[i] as number)) {
        if (!this.#sent.has(key)) this.#sent.set(key, t);
        continue;
      }
      const sentAt = this.#sent.get(key);
      if (sentAt === undefined) continue;
      this.#sent.delete(key);
      this.#latencies.push(t - sentAt);
    }
  }

  result(): LatencySummary {
    const sorted = Float64Array.from(this.#latencies).sort();
    const at = (q: number) =>
      sorted.length === 0
        ? 0
        : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
    return {
      field: this.#path.join('.'),
      pairs: sorted.length,
      unanswered: this.#sent.size,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] as number),
    };
  }

  #keyOf(text: string): string | undefined {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    for (const key of this.#path) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value === undefined || (typeof value === 'object' && value !== null)
      ? undefined
      : JSON.stringify(value);
  }
}
