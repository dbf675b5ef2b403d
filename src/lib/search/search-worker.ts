/**
 * The search worker: filters and adds up a session's chunks off the main thread, reading them from IndexedDB
 * itself, so no payload is copied between threads and a pathological regex can stall only this worker (the page
 * terminates it). Chunks read are kept up to a budget, so the next job on the same session does not read them.
 */
import { FramesDb } from '../persist/frames-db';
import type { ChunkColumns } from '../record/chunk';
import { ChunkCache } from '../record/chunk-cache';
import { readChunkGroup } from '../persist/chunk-group';
import { compileFilter } from './filter';
import { startDecoding } from './frame-decoding';
import { MatchList } from './match-list';
import type { FilterRequest, TimelineRequest, WorkerReply, WorkerRequest } from './search-protocol';
import { latencyMeasure, TrafficCounter } from './timeline';
import { messageOf, missingFromStorage } from '../errors';

const CACHE_BUDGET_BYTES = 512 << 20;
/**
 * Matches are sent back this often while a scan runs, so the count grows during a long one; a scan of cached
 * chunks that ends sooner sends them in one reply, not in pieces for the page to join.
 */
const REPLY_EVERY_MS = 100;
/** Chunks read from storage ahead of the one being scanned. */
const READ_AHEAD = 32;
/**
 * Saved chunks side by side are read in one request, up to this many: a request to IndexedDB from a worker costs
 * a round trip whatever its size, and a first filter reads hundreds of chunks.
 */
const READ_GROUP = 16;

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const frames = new FramesDb();
/** Saved chunks by session and first seq. */
const cache = new ChunkCache<string>(CACHE_BUDGET_BYTES);

/**
 * The newest job of each type: an older filter stops at its next chunk, its results no longer wanted. A filter
 * and a timeline share the worker and do not stop each other.
 */
const latestId: Record<WorkerRequest['type'], number> = { filter: -1, timeline: -1 };

scope.onmessage = (event) => {
  const request = event.data;
  latestId[request.type] = request.id;
  const job = request.type === 'filter' ? filter(request) : timeline(request);
  void job.catch((error: unknown) => {
    if (error instanceof Superseded) return;
    scope.postMessage({
      id: request.id,
      type: 'error',
      message: messageOf(error),
    });
  });
};

async function filter(request: FilterRequest): Promise<void> {
  const compiled = compileFilter(request.spec, await startDecoding(request.decoder));
  // Room for every record, so no match is copied to grow the list (pages never written to cost nothing). After a
  // reply the scan is a long one, whose lists may grow as they go.
  let matches = new MatchList(request.toSeq - request.fromSeq);
  let repliedAt = performance.now();
  const reply = (scannedTo: number) => {
    const found = matches.view();
    scope.postMessage({ id: request.id, type: 'progress', matches: found, scannedTo }, [found.buffer]);
    matches = new MatchList();
    repliedAt = performance.now();
  };
  const fromSeq = request.fromSeq;
  await eachChunk(request, request.warmFromSeq ?? fromSeq, request.toSeq, (chunk, from, to) => {
    // Records before fromSeq only warm the decoder up: what they match is another worker's.
    const own = Math.min(to, Math.max(from, fromSeq - chunk.firstSeq));
    if (own > from) compiled.scan(chunk, from, own, new Uint32Array(own - from), 0);
    matches.appendWith(to - own, (seqs, at) => compiled.scan(chunk, own, to, seqs, at));
    if (performance.now() - repliedAt >= REPLY_EVERY_MS) reply(chunk.firstSeq + to);
  });
  reply(request.toSeq);
  scope.postMessage({ id: request.id, type: 'done', scannedTo: request.toSeq, warnings: compiled.warnings });
}

async function timeline(request: TimelineRequest): Promise<void> {
  const traffic = new TrafficCounter(request.startMs, request.endMs);
  const latency = latencyMeasure(request.latencyField, await startDecoding(request.decoder));
  await eachChunk(request, 0, Infinity, (chunk) => {
    traffic.add(chunk);
    latency?.add(chunk);
  });
  const series = traffic.result();
  scope.postMessage({ id: request.id, type: 'timeline', series, latency: latency?.result() ?? null }, [
    series.times.buffer,
    series.messagesIn.buffer,
    series.messagesOut.buffer,
    series.bytesIn.buffer,
    series.bytesOut.buffer,
  ]);
}

class Superseded extends Error {}

/**
 * Calls `visit` with each chunk holding records in [fromSeq, toSeq), and the index range to look at in it.
 * Reads from storage run `READ_AHEAD` chunks ahead of the scan, so IndexedDB fetches the next chunks while this
 * thread deserializes and scans the current one, instead of each waiting for the other.
 */
async function eachChunk(
  request: WorkerRequest,
  fromSeq: number,
  toSeq: number,
  visit: (chunk: ChunkColumns, from: number, to: number) => void,
): Promise<void> {
  const unsaved = new Map(request.unsaved.map((chunk) => [chunk.firstSeq, chunk]));
  const starts = request.starts;
  let first = 0;
  while (first < starts.length && (starts[first + 1] ?? Infinity) <= fromSeq) first++;
  let end = first;
  while (end < starts.length && (starts[end] as number) < toSeq) end++;
  /** Reads under way by chunk index; each is dropped once scanned, so a scan holds only what the cache keeps. */
  const reads = new Map<number, Promise<ChunkColumns>>();
  const mustRead = (i: number): boolean => {
    const start = starts[i] as number;
    return !unsaved.has(start) && cache.peek(cacheKey(request.sessionId, start)) === undefined;
  };
  /** Starts reading chunk i, with the chunks after it that must come from storage too; returns the next index. */
  const readFrom = (i: number): number => {
    const start = starts[i] as number;
    const known = unsaved.get(start) ?? cache.use(cacheKey(request.sessionId, start));
    if (known !== undefined) {
      reads.set(i, Promise.resolve(known));
      return i + 1;
    }
    let next = i + 1;
    while (next < Math.min(end, i + READ_GROUP) && mustRead(next)) next++;
    const group = savedChunks(request.sessionId, starts.slice(i, next), starts[next] ?? Infinity);
    for (let k = i; k < next; k++) {
      const reading = group.then((chunks) => chunks[k - i] as ChunkColumns);
      // A read ahead that fails is reported when the scan reaches it; until then it must not count as unhandled.
      reading.catch(() => undefined);
      reads.set(k, reading);
    }
    return next;
  };
  let nextRead = first;
  for (let i = first; i < end; i++) {
    while (nextRead < Math.min(end, i + 1 + READ_AHEAD)) nextRead = readFrom(nextRead);
    const chunk = await (reads.get(i) as Promise<ChunkColumns>);
    reads.delete(i);
    if (request.id !== latestId[request.type]) throw new Superseded();
    const start = starts[i] as number;
    visit(chunk, Math.max(0, fromSeq - start), Math.min(chunk.count, toSeq - start));
  }
}

const cacheKey = (sessionId: string, start: number) => `${sessionId}/${start}`;

/**
 * Saved chunks side by side, read from storage in one request and kept in the cache; `endSeq` is the start after
 * the group (Infinity when the group ends the session). The last chunk of a session may still grow, when another
 * tab records it: never cached.
 */
async function savedChunks(
  sessionId: string,
  groupStarts: number[],
  endSeq: number,
): Promise<ChunkColumns[]> {
  const chunks = await readChunkGroup(frames, sessionId, groupStarts, endSeq);
  return groupStarts.map((start, k) => {
    const chunk = chunks[k];
    if (chunk === undefined) throw missingFromStorage(start);
    if ((groupStarts[k + 1] ?? endSeq) !== Infinity) cache.set(cacheKey(sessionId, start), chunk);
    return chunk;
  });
}
