import type { ChunkColumns } from '../record/chunk';
import { isInbound, kindOf } from '../record/chunk';
import { readJsonPath } from './field-condition';
import type { FrameDecoding } from './frame-decoding';
import { fieldsReader } from './field-reader';
import { messagesAt } from './frame-decoding';

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
  /** The JSON field pairs were matched by, or the decoder's name when its protocol pairs them. */
  field: string;
  /** Set when the decoder paired requests with replies, rather than a JSON field. */
  decoder?: string;
  pairs: number;
  /** Requests nothing answered. */
  unanswered: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Request/reply latency from pairs found one way or another: a JSON field, or the decoder's pairing. */
interface LatencyMeasure {
  add(chunk: ChunkColumns): void;
  result(): LatencySummary;
}

/** Times requests and their first reply by key; a request not yet answered at the end counts as unanswered. */
class Exchanges {
  readonly #open = new Map<string, { sentAt: number; answered: boolean }>();
  readonly #latencies: number[] = [];

  request(key: string, t: number): void {
    if (!this.#open.has(key)) this.#open.set(key, { sentAt: t, answered: false });
  }

  /** A reply; a final one closes the exchange (a stream's later items are not latencies). */
  reply(key: string, t: number, final: boolean): void {
    const exchange = this.#open.get(key);
    if (exchange === undefined) return;
    if (!exchange.answered) this.#latencies.push(t - exchange.sentAt);
    exchange.answered = true;
    if (final) this.#open.delete(key);
  }

  summary(field: string): LatencySummary {
    const sorted = Float64Array.from(this.#latencies).sort();
    const at = (q: number) =>
      sorted.length === 0
        ? 0
        : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
    let unanswered = 0;
    for (const exchange of this.#open.values()) if (!exchange.answered) unanswered++;
    return {
      field,
      pairs: sorted.length,
      unanswered,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] as number),
    };
  }
}

/**
 * Request/response latency by a field the person names: a sent message and the first received one with the same
 * value in `field` (e.g. `id`) make a pair. Reads decoded fields, or plain JSON when the session has no decoder.
 */
export class LatencyMatcher implements LatencyMeasure {
  readonly #field: string;
  readonly #path: string[];
  readonly #fieldsOf: (chunk: ChunkColumns, index: number) => readonly unknown[];
  readonly #exchanges = new Exchanges();

  constructor(field: string, decoding: FrameDecoding | null = null) {
    this.#field = field;
    this.#path = field.split('.');
    this.#fieldsOf = fieldsReader(decoding, this.#path);
  }

  add(chunk: ChunkColumns): void {
    for (let i = 0; i < chunk.count; i++) {
      for (const fields of this.#fieldsOf(chunk, i)) {
        const value = readJsonPath(fields, this.#path);
        // Objects are no ids; BigInts are, and JSON.stringify refuses them.
        if (value === undefined || (typeof value === 'object' && value !== null)) continue;
        const key = typeof value === 'bigint' ? `${value}n` : JSON.stringify(value);
        const t = chunk.t[i] as number;
        if (isInbound(chunk.flags[i] as number)) this.#exchanges.reply(key, t, true);
        else this.#exchanges.request(key, t);
      }
    }
  }

  result(): LatencySummary {
    return this.#exchanges.summary(this.#field);
  }
}

/** Request/reply latency as the session's protocol pairs its messages (`42<id>[…]` with `43<id>[…]`, `id`). */
export class DecoderPairingMatcher implements LatencyMeasure {
  readonly #decoding: FrameDecoding;
  readonly #exchanges = new Exchanges();

  constructor(decoding: FrameDecoding) {
    this.#decoding = decoding;
  }

  add(chunk: ChunkColumns): void {
    for (let i = 0; i < chunk.count; i++) {
      for (const { pairing } of messagesAt(this.#decoding, chunk, i)) {
        if (pairing === undefined) continue;
        const t = chunk.t[i] as number;
        if (pairing.role === 'request') this.#exchanges.request(pairing.key, t);
        else this.#exchanges.reply(pairing.key, t, pairing.final !== false);
      }
    }
  }

  result(): LatencySummary {
    const label = this.#decoding.label;
    return { ...this.#exchanges.summary(label), decoder: label };
  }
}

/**
 * What the timeline measures latency by: the person's field when given, else the decoder's own pairing when
 * the session has a decoder that pairs (plain JSON does not), else nothing.
 */
export function latencyMeasure(field: string, decoding: FrameDecoding | null): LatencyMeasure | null {
  if (field.trim() !== '') return new LatencyMatcher(field.trim(), decoding);
  if (decoding === null || decoding.decoderId === 'json') return null;
  return new DecoderPairingMatcher(decoding);
}
