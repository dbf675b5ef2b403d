import type { FrameRecord, UnnumberedRecord } from '../model/frame';
import type { EventFields } from './event-fields';
import { eventFields } from './event-fields';

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

const KINDS = ['text', 'binary', 'open', 'close', 'error', 'note'] as const;
const KIND_MASK = 0x0f;
const DIR_IN = 0x10;
const DELIVERED_AS_BLOB = 0x20;
const DELIVERED_AS_ARRAYBUFFER = 0x40;
/** The app sent this message itself (handshake and keep-alive): the last free bit, so chunks keep their shape. */
const AUTOMATIC = 0x80;
/** The wire column: 0 where not known (the browser's own connections), else whether permessage-deflate was used. */
const WIRE_PLAIN = 1;
const WIRE_COMPRESSED = 2;

/** Estimated bytes a record adds to a chunk: its payload plus the fixed columns. */
const RECORD_OVERHEAD_BYTES = 16;

export function kindOf(flags: number): FrameRecord['kind'] {
  return KINDS[flags & KIND_MASK] as FrameRecord['kind'];
}

export function isInbound(flags: number): boolean {
  return (flags & DIR_IN) !== 0;
}

/** Rebuilds record `index` of a chunk as a FrameRecord: done only for the few rows on screen. */
export function recordAt(chunk: ChunkColumns, index: number): FrameRecord {
  const flags = chunk.flags[index] as number;
  const base = { seq: chunk.firstSeq + index, t: chunk.t[index] as number };
  const kind = kindOf(flags);
  if (kind === 'text' || kind === 'binary') {
    const dir = isInbound(flags) ? 'in' : 'out';
    const size = chunk.size[index] as number;
    const payload = chunk.payload[index];
    const wire = chunk.wire?.[index];
    const auto = {
      ...(flags & AUTOMATIC ? { auto: true as const } : {}),
      ...(wire ? { compressed: wire === WIRE_COMPRESSED } : {}),
    };
    if (kind === 'text') return { ...base, kind, dir, size, text: payload as string, ...auto };
    const record: FrameRecord = { ...base, kind, dir, size, bytes: payload as Uint8Array, ...auto };
    if (flags & DELIVERED_AS_BLOB) record.binaryType = 'blob';
    else if (flags & DELIVERED_AS_ARRAYBUFFER) record.binaryType = 'arraybuffer';
    return record;
  }
  return { ...base, kind, ...chunk.events[index] } as FrameRecord;
}

/** Fills a chunk record by record, growing its columns by doubling; readable as it fills. */
export class ChunkBuilder implements ChunkColumns {
  readonly firstSeq: number;
  #count = 0;
  #bytes = 0;
  #t: Float64Array;
  #size: Uint32Array;
  #flags: Uint8Array;
  readonly #payload: (string | Uint8Array | null)[] = [];
  readonly #events: Record<number, EventFields> = {};
  #wire: Uint8Array | undefined;

  constructor(firstSeq: number, capacity = 256) {
    this.firstSeq = firstSeq;
    this.#t = new Float64Array(capacity);
    this.#size = new Uint32Array(capacity);
    this.#flags = new Uint8Array(capacity);
  }

  get count(): number {
    return this.#count;
  }
  get t(): Float64Array {
    return this.#t;
  }
  get size(): Uint32Array {
    return this.#size;
  }
  get flags(): Uint8Array {
    return this.#flags;
  }
  get payload(): readonly (string | Uint8Array | null)[] {
    return this.#payload;
  }
  get events(): Readonly<Record<number, EventFields>> {
    return this.#events;
  }
  get wire(): Uint8Array | undefined {
    return this.#wire;
  }

  /** Roughly what the chunk weighs in storage and memory. */
  get bytes(): number {
    return this.#bytes;
  }

  append(record: UnnumberedRecord): void {
    if (this.#count === this.#t.length) this.#grow();
    const i = this.#count++;
    this.#t[i] = record.t;
    let flags = KINDS.indexOf(record.kind);
    if (record.kind === 'text' || record.kind === 'binary') {
      if (record.dir === 'in') flags |= DIR_IN;
      if (record.auto) flags |= AUTOMATIC;
      if (record.compressed !== undefined) {
        this.#wire ??= new Uint8Array(this.#t.length);
        this.#wire[i] = record.compressed ? WIRE_COMPRESSED : WIRE_PLAIN;
      }
      this.#size[i] = record.size;
      if (record.kind === 'text') {
        this.#payload.push(record.text);
        // UTF-16 in memory: two bytes a character is the honest estimate for the cache budget.
        this.#bytes += record.text.length * 2;
      } else {
        if (record.binaryType === 'blob') flags |= DELIVERED_AS_BLOB;
        else if (record.binaryType === 'arraybuffer') flags |= DELIVERED_AS_ARRAYBUFFER;
        this.#payload.push(record.bytes);
        this.#bytes += record.bytes.byteLength;
      }
    } else {
      this.#payload.push(null);
      this.#events[i] = eventFields(record);
    }
    this.#flags[i] = flags;
    this.#bytes += RECORD_OVERHEAD_BYTES;
  }

  /** A trimmed copy to store: later appends do not change it. */
  snapshot(): StoredChunk {
    return copyChunk(this);
  }

  #grow(): void {
    const capacity = this.#t.length * 2;
    this.#t = grown(this.#t, new Float64Array(capacity));
    this.#size = grown(this.#size, new Uint32Array(capacity));
    this.#flags = grown(this.#flags, new Uint8Array(capacity));
    if (this.#wire) this.#wire = grown(this.#wire, new Uint8Array(capacity));
  }
}

function grown<T extends Uint8Array | Uint32Array | Float64Array>(from: ArrayLike<number>, to: T): T {
  to.set(from);
  return to;
}

/** A trimmed copy of a chunk's records as they are now, safe to hand to a worker (its buffers may be transferred). */
export function copyChunk(chunk: ChunkColumns): StoredChunk {
  return {
    v: 1,
    firstSeq: chunk.firstSeq,
    count: chunk.count,
    t: chunk.t.slice(0, chunk.count),
    size: chunk.size.slice(0, chunk.count),
    flags: chunk.flags.slice(0, chunk.count),
    payload: chunk.payload.slice(0, chunk.count),
    events: { ...chunk.events },
    ...(chunk.wire ? { wire: chunk.wire.slice(0, chunk.count) } : {}),
  };
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
