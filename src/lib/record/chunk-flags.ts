/*
 * The byte of flags a chunk keeps per record (its `flags` column), and the wire column's codes: the chunk's
 * encoding, shared by the builder that writes it and the readers that decode it.
 */
import type { FrameRecord, UnnumberedRecord } from '../model/frame';

const KINDS = ['text', 'binary', 'open', 'close', 'error', 'note'] as const;
const KIND_MASK = 0x0f;
const DIR_IN = 0x10;
export const DELIVERED_AS_BLOB = 0x20;
export const DELIVERED_AS_ARRAYBUFFER = 0x40;
/** The app sent this message itself (handshake and keep-alive): the last free bit, so chunks keep their shape. */
export const AUTOMATIC = 0x80;
/** The wire column: 0 where not known (the browser's own connections), else whether permessage-deflate was used. */
export const WIRE_PLAIN = 1;
export const WIRE_COMPRESSED = 2;

export function kindOf(flags: number): FrameRecord['kind'] {
  return KINDS[flags & KIND_MASK] as FrameRecord['kind'];
}

export function isInbound(flags: number): boolean {
  return (flags & DIR_IN) !== 0;
}

/** The flags byte of a record. */
export function flagsOf(record: UnnumberedRecord): number {
  let flags: number = KINDS.indexOf(record.kind);
  if (record.kind !== 'text' && record.kind !== 'binary') return flags;
  if (record.dir === 'in') flags |= DIR_IN;
  if (record.auto) flags |= AUTOMATIC;
  if (record.kind === 'binary') {
    if (record.binaryType === 'blob') flags |= DELIVERED_AS_BLOB;
    else if (record.binaryType === 'arraybuffer') flags |= DELIVERED_AS_ARRAYBUFFER;
  }
  return flags;
}
