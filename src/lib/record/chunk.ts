/*
 * The chunk, as the rest of the app reads and writes it: its columns (chunk-columns.ts), their flags
 * (chunk-flags.ts), the builder that fills one (chunk-builder.ts), and recordAt, which reads one record back.
 */
import type { FrameRecord } from '../model/frame';
import type { ChunkColumns } from './chunk-columns';
import {
  AUTOMATIC,
  DELIVERED_AS_ARRAYBUFFER,
  DELIVERED_AS_BLOB,
  WIRE_COMPRESSED,
  isInbound,
  kindOf,
} from './chunk-flags';

export type { ChunkColumns, StoredChunk } from './chunk-columns';
export { copyChunk, isStoredChunk } from './chunk-columns';
export { isInbound, kindOf } from './chunk-flags';
export { ChunkBuilder } from './chunk-builder';

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
