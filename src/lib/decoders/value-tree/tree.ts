import { toHex } from '../../encoding/hex';

/**
 * Turns a value decoded from a binary encoding (MessagePack, CBOR) into plain JSON-able data for the Decoded tree
 * and the filter. What JSON cannot hold keeps a `$` marker, so nothing is silently changed into something else:
 * bytes `{"$bytes":"0a0b"}`, maps with keys other than strings `{"$map":[[key, value], …]}`, integers beyond 2^53
 * as decimal strings, non-finite floats `{"$float":"NaN"}`, `undefined` `{"$undefined":true}`, dates
 * `{"$date":"…"}`. An encoding's own kinds (extension types, tags) are handed to `special`.
 */
export type SpecialTree = (value: unknown, toTree: (inner: unknown) => unknown) => unknown;

/** A frame may carry megabytes of bytes; the tree shows their start and says how long they are. */
export const TREE_BYTES_LIMIT = 64 * 1024;

export function bytesTree(bytes: Uint8Array): unknown {
  if (bytes.length <= TREE_BYTES_LIMIT) return { $bytes: toHex(bytes, '') };
  return { $bytes: toHex(bytes.subarray(0, TREE_BYTES_LIMIT), ''), $length: bytes.length };
}

export function valueTree(value: unknown, special?: SpecialTree): unknown {
  const toTree = (inner: unknown): unknown => valueTree(inner, special);
  const custom = special?.(value, toTree);
  if (custom !== undefined) return custom;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : { $float: String(value) };
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'undefined':
      return { $undefined: true };
  }
  if (value === null) return null;
  if (value instanceof Uint8Array) return bytesTree(value);
  if (Array.isArray(value)) return value.map(toTree);
  if (value instanceof Map) return mapTree(value, toTree);
  if (value instanceof Date)
    return { $date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
  if (typeof value === 'object') return objectTree(Object.entries(value), toTree);
  return String(value);
}

/** A map whose keys are all strings reads as an object; any other key keeps every key as it was. */
function mapTree(map: Map<unknown, unknown>, toTree: (inner: unknown) => unknown): unknown {
  const entries = [...map.entries()];
  if (entries.every(([key]) => typeof key === 'string'))
    return objectTree(entries as [string, unknown][], toTree);
  return { $map: entries.map(([key, item]) => [toTree(key), toTree(item)]) };
}

function objectTree(
  entries: [string, unknown][],
  toTree: (inner: unknown) => unknown,
): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  // defineProperty, so a key named `__proto__` stays a key instead of replacing the prototype.
  for (const [key, item] of entries) {
    Object.defineProperty(tree, key, {
      value: toTree(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return tree;
}
