/**
 * The protobuf wire format (protobuf.dev/programming-guides/encoding) read without a schema: a message is records
 * of a tag varint, `field << 3 | wire type`, and a value. Kept free of libraries, so detection can use it on the
 * first screen.
 */

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** Field numbers run from 1 to 2^29 − 1. */
const MAX_FIELD = 2 ** 29 - 1;

export interface WireField {
  field: number;
  wire: number;
  /** A varint's value; for I64 and I32 their little-endian bytes, for LEN its contents. */
  value: bigint | Uint8Array;
}

/**
 * Every record of a message, or undefined when the bytes are not one to the exact end: a field number outside
 * 1…2^29−1, a wire type other than VARINT, I64, LEN and I32 (groups are deprecated and left to bytes), an over-long
 * varint, or a value past the end.
 */
export function readWireFields(bytes: Uint8Array): WireField[] | undefined {
  const fields: WireField[] = [];
  let position = 0;
  while (position < bytes.length) {
    const tag = readVarint(bytes, position);
    if (!tag) return undefined;
    position = tag.end;
    const field = Number(tag.value >> 3n);
    const wire = Number(tag.value & 7n);
    if (field < 1 || field > MAX_FIELD) return undefined;
    if (wire === WIRE_VARINT) {
      const varint = readVarint(bytes, position);
      if (!varint) return undefined;
      fields.push({ field, wire, value: varint.value });
      position = varint.end;
      continue;
    }
    let size: number;
    if (wire === WIRE_I64) size = 8;
    else if (wire === WIRE_I32) size = 4;
    else if (wire === WIRE_LEN) {
      const length = readVarint(bytes, position);
      if (!length || length.value > BigInt(bytes.length)) return undefined;
      position = length.end;
      size = Number(length.value);
    } else return undefined;
    if (position + size > bytes.length) return undefined;
    fields.push({ field, wire, value: bytes.subarray(position, position + size) });
    position += size;
  }
  return fields;
}

/** A varint of at most ten bytes, its last byte not zero unless it is the only one (encoders never pad). */
export function readVarint(bytes: Uint8Array, at: number): { value: bigint; end: number } | undefined {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return undefined;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return byte === 0 && i > 0 ? undefined : { value, end: at + i + 1 };
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Text when the bytes are valid UTF-8 without control characters other than tab and line breaks, else undefined. */
export function printableText(bytes: Uint8Array): string | undefined {
  try {
    const text = strictUtf8.decode(bytes);
    return /\p{Cc}/u.test(text.replace(/[\t\n\r]/g, '')) ? undefined : text;
  } catch {
    return undefined;
  }
}
