import type { ChunkColumns } from './chunk';

interface CacheEntry {
  chunk: ChunkColumns;
  bytes: number;
  /** Pinned chunks are not in storage yet (or are still being filled): they must stay in memory. */
  pinned: boolean;
  usedAt: number;
}

/**
 * Chunks kept in memory up to a byte budget, least recently used dropped first: the page's pager and the search
 * worker each keep one. Chunks used within `keepUsedMs` stay even over budget (the pager's rows on screen would
 * otherwise be dropped and read again on every paint), and so do pinned ones.
 */
export class ChunkCache<K> {
  readonly #entries = new Map<K, CacheEntry>();
  readonly #budgetBytes: number;
  readonly #keepUsedMs: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(budgetBytes: number, keepUsedMs = 0, now = () => performance.now()) {
    this.#budgetBytes = budgetBytes;
    this.#keepUsedMs = keepUsedMs;
    this.#now = now;
  }

  /** The chunk, marked as just used. */
  use(key: K): ChunkColumns | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Map order is recency order: move the chunk to the back.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    entry.usedAt = this.#now();
    return entry.chunk;
  }

  /** The chunk, without counting as a use. */
  peek(key: K): ChunkColumns | undefined {
    return this.#entries.get(key)?.chunk;
  }

  /** Puts a chunk in (replacing one under the same key, whose last use it keeps), then drops what is over budget. */
  set(key: K, chunk: ChunkColumns, bytes = chunkBytes(chunk), pinned = false): void {
    const old = this.#entries.get(key);
    if (old) this.#bytes -= old.bytes;
    this.#entries.delete(key);
    this.#entries.set(key, { chunk, bytes, pinned, usedAt: old?.usedAt ?? this.#now() });
    this.#bytes += bytes;
    this.#evict();
  }

  unpin(key: K): void {
    const entry = this.#entries.get(key);
    if (entry) entry.pinned = false;
    this.#evict();
  }

  #evict(): void {
    if (this.#bytes <= this.#budgetBytes) return;
    const usedSince = this.#now() - this.#keepUsedMs;
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.#budgetBytes) break;
      if (entry.pinned || (this.#keepUsedMs > 0 && entry.usedAt > usedSince)) continue;
      this.#entries.delete(key);
      this.#bytes -= entry.bytes;
    }
  }
}

/** What a chunk read back from storage weighs in memory, roughly. */
export function chunkBytes(chunk: ChunkColumns): number {
  let bytes = chunk.count * 16;
  for (const payload of chunk.payload) {
    if (typeof payload === 'string') bytes += payload.length * 2;
    else if (payload) bytes += payload.byteLength;
  }
  return bytes;
}
