import type { UnnumberedRecord } from '../model/frame';
import type { ChunkColumns, StoredChunk } from './chunk-columns';
import { copyChunk } from './chunk-columns';
import { WIRE_COMPRESSED, WIRE_PLAIN, flagsOf } from './chunk-flags';
import type { EventFields } from './event-fields';
import { eventFields } from './event-fields';

/** Estimated bytes a record adds to a chunk: its payload plus the fixed columns. */
const RECORD_OVERHEAD_BYTES = 16;

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
    if (record.kind === 'text' || record.kind === 'binary') {
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
        this.#payload.push(record.bytes);
        this.#bytes += record.bytes.byteLength;
      }
    } else {
      this.#payload.push(null);
      this.#events[i] = eventFields(record);
    }
    this.#flags[i] = flagsOf(record);
    this.#bytes += RECORD_OVERHEAD_BYTES;
  }

  /** A trimmed copy of the records from `from` on, to store: later appends do not change it. */
  snapshot(from = 0): StoredChunk {
    return copyChunk(this, from);
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
