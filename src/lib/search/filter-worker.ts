/**
 * The filter's worker: scans a session's chunks off the main thread, reading them from IndexedDB itself, so no
 * payload is copied between threads and a pathological regex can stall only this worker (the page terminates it).
 * Chunks read are kept up to a budget, so the next filter over the same session does not read them again.
 */
import { FramesDb } from '../persist/frames-db';
import type { ChunkColumns } from '../record/chunk';
import { chunkBytes } from '../record/chunk-pager';
import { compileFilter } from './filter';
import type { FilterReply, FilterRequest } from './filter-protocol';

const CACHE_BUDGET_BYTES = 512 << 20;
/** Matches are sent back after this many chunks, so the count grows while a long scan runs. */
const CHUNKS_PER_REPLY = 64;

interface WorkerScope {
  onmessage: ((event: MessageEvent<FilterRequest>) => void) | null;
  postMessage(message: FilterReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const frames = new FramesDb();
/** Saved chunks by session and first seq, oldest use first. */
const cache = new Map<string, ChunkColumns>();
let cachedBytes = 0;

scope.onmessage = (event) => {
  void run(event.data).catch((error: unknown) =>
    scope.postMessage({
      id: event.data.id,
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    }),
  );
};

async function run(request: FilterRequest): Promise<void> {
  const filter = compileFilter(request.spec);
  const unsaved = new Map(request.unsaved.map((chunk) => [chunk.firstSeq, chunk]));
  const starts = request.starts;
  let matches: number[] = [];
  let sinceReply = 0;
  const reply = (scannedTo: number) => {
    const found = Uint32Array.from(matches);
    scope.postMessage({ id: request.id, type: 'progress', matches: found, scannedTo }, [found.buffer]);
    matches = [];
    sinceReply = 0;
  };
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number;
    const next = starts[i + 1] ?? Infinity;
    if (next <= request.fromSeq) continue;
    if (start >= request.toSeq) break;
    const chunk = unsaved.get(start) ?? (await savedChunk(request.sessionId, start, i === starts.length - 1));
    const from = Math.max(0, request.fromSeq - start);
    const to = Math.min(chunk.count, request.toSeq - start);
    for (let index = from; index < to; index++) if (filter.matches(chunk, index)) matches.push(start + index);
    if (++sinceReply === CHUNKS_PER_REPLY) reply(Math.min(request.toSeq, start + to));
  }
  reply(request.toSeq);
  scope.postMessage({ id: request.id, type: 'done', scannedTo: request.toSeq, warnings: filter.warnings });
}

/** A saved chunk, from the cache or storage. The last chunk of a live session may still grow: never cached. */
async function savedChunk(sessionId: string, start: number, mayGrow: boolean): Promise<ChunkColumns> {
  const key = `${sessionId}/${start}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const chunk = await frames.chunk(sessionId, start);
  if (chunk === undefined) throw new Error(`the records from ${start} on are missing from storage`);
  if (!mayGrow) {
    cache.set(key, chunk);
    cachedBytes += chunkBytes(chunk);
    for (const [oldKey, old] of cache) {
      if (cachedBytes <= CACHE_BUDGET_BYTES) break;
      cache.delete(oldKey);
      cachedBytes -= chunkBytes(old);
    }
  }
  return chunk;
}
