import { bytesTree } from '../value-tree/tree';
import {
  printableText,
  readVarint,
  readWireFields,
  WIRE_I32,
  WIRE_I64,
  WIRE_VARINT,
  type WireField,
} from './wire';

/** Nested messages are tried this deep; past it, contents show as bytes. */
const MAX_DEPTH = 32;

/**
 * A message read without its schema, as `protoc --decode_raw` would: `{"1": 150, "2": "testing", "3": {"1": 150}}`,
 * keyed by field number, a repeated field as an array. The wire does not say what a value means, so: a varint is an
 * integer (one with the top bit set reads as negative, as an int64 −1 does); I64 and I32 show both readings,
 * `{"fixed64": …, "double": …}`; length-delimited contents are, in order, a nested message (all of it must parse),
 * printable UTF-8 text, packed varints, or bytes. When contents are both a message and text, both are shown
 * (`{"$message": …, "$string": …}`), and packed varints always beside their bytes (`{"$packed": […], "$bytes": …}`).
 */
export function rawMessageTree(fields: WireField[], depth = 0): Record<string, unknown> {
  const values = new Map<string, unknown[]>();
  for (const field of fields) {
    const key = String(field.field);
    values.set(key, [...(values.get(key) ?? []), fieldValue(field, depth)]);
  }
  return Object.fromEntries([...values].map(([key, list]) => [key, list.length === 1 ? list[0] : list]));
}

function fieldValue({ wire, value }: WireField, depth: number): unknown {
  if (wire === WIRE_VARINT) return integer(value as bigint);
  const bytes = value as Uint8Array;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (wire === WIRE_I64)
    return { fixed64: integer(view.getBigUint64(0, true)), double: finite(view.getFloat64(0, true)) };
  if (wire === WIRE_I32) return { fixed32: view.getUint32(0, true), float: finite(view.getFloat32(0, true)) };
  return lengthDelimited(bytes, depth);
}

function lengthDelimited(bytes: Uint8Array, depth: number): unknown {
  const nested = depth < MAX_DEPTH && bytes.length > 0 ? readWireFields(bytes) : undefined;
  const text = printableText(bytes);
  if (nested && text !== undefined) return { $message: rawMessageTree(nested, depth + 1), $string: text };
  if (nested) return rawMessageTree(nested, depth + 1);
  if (text !== undefined) return text;
  const packed = packedVarints(bytes);
  return packed ? { $packed: packed, ...(bytesTree(bytes) as object) } : bytesTree(bytes);
}

/** Integers as numbers while exact, else decimal strings; 64-bit values with the top bit set as negative. */
function integer(value: bigint): number | string {
  const signed = value >= 1n << 63n ? value - (1n << 64n) : value;
  return Number.isSafeInteger(Number(signed)) ? Number(signed) : signed.toString();
}

function finite(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function packedVarints(bytes: Uint8Array): (number | string)[] | undefined {
  const values: (number | string)[] = [];
  for (let position = 0; position < bytes.length;) {
    const varint = readVarint(bytes, position);
    if (!varint) return undefined;
    values.push(integer(varint.value));
    position = varint.end;
  }
  return values.length > 0 ? values : undefined;
}
