import type { EventFields } from './event-fields';

/**
 * A chunk: consecutive records of one session, stored as one IndexedDB value.
 *
 * Columnar, so a chunk costs a few typed arrays and one payload array rather than an object per frame: cheap to
 * structured-clone into IndexedDB, compact while cached, and easy to scan for a filter.
 */
export interface ChunkColumns {
  readonly firstSeq: number;
  readonly count: number;
  /** Epoch milliseconds per record. Columns may be longer than count. */
  readonly t: Float64Array;
  /** Bytes on the wire per record; 0 for events. */
  readonly size: Uint32Array;
  /** Kind code in the low bits, direction and delivery above. */
  readonly flags: Uint8Array;
  /** The text or bytes of each message; null for events. */
  readonly payload: readonly (string | Uint8Array | null)[];
  /** The fields of connection events, by index in the chunk (events are rare, so this is sparse). */
  readonly events: Readonly<Record<number, EventFields>>;
  /** Per record, what the agent saw on the wire (WIRE_*); only in chunks that hold a frame through the agent. */
  readonly wire?: Uint8Array;
}

/** A chunk as written to IndexedDB. */
export interface StoredChunk extends ChunkColumns {
  v: 1;
}

/**
 * A trimmed copy of a chunk's records [from, to) as they are now: safe to hand to a worker (its buffers may be
 * transferred). Cut after its first record, it is a chunk of its own starting there: a piece of an open chunk
 * (ChunkSaver), or the part of a whole chunk that a piece held (FramesDb.chunk).
 */
export function copyChunk(chunk: ChunkColumns, from = 0, to = chunk.count): StoredChunk {
  return {
    v: 1,
    firstSeq: chunk.firstSeq + from,
    count: to - from,
    t: chunk.t.slice(from, to),
    size: chunk.size.slice(from, to),
    flags: chunk.flags.slice(from, to),
    payload: chunk.payload.slice(from, to),
    events: from === 0 && to === chunk.count ? { ...chunk.events } : eventsBetween(chunk.events, from, to),
    ...(chunk.wire ? { wire: chunk.wire.slice(from, to) } : {}),
  };
}

/** The events of records [from, to), indexed from `from`. */
function eventsBetween(
  events: ChunkColumns['events'],
  from: number,
  to: number,
): Record<number, EventFields> {
  const shifted: Record<number, EventFields> = {};
  for (const [key, fields] of Object.entries(events)) {
    const index = Number(key);
    if (index >= from && index < to) shifted[index - from] = fields;
  }
  return shifted;
}

/** Whether a value read back from storage has the shape of a chunk; anything else is reported, not trusted. */
export function isStoredChunk(value: unknown): value is StoredChunk {
  if (typeof value !== 'object' || value === null) return false;
  const chunk = value as Partial<StoredChunk>;
  return (
    chunk.v === 1 &&
    typeof chunk.firstSeq === 'number' &&
    typeof chunk.count === 'number' &&
    chunk.t instanceof Float64Array &&
    chunk.size instanceof Uint32Array &&
    chunk.flags instanceof Uint8Array &&
    Array.isArray(chunk.payload) &&
    chunk.t.length >= chunk.count
  );
}
