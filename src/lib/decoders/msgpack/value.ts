import { Decoder, Encoder } from '@msgpack/msgpack';
import type { Result } from '../../result';

/**
 * MessagePack bytes ↔ JavaScript values, through @msgpack/msgpack, with two additions the inspector needs: a map
 * whose keys are not all strings becomes a `Map` with its keys as they were (the library alone accepts only string
 * and number keys and turns `1` into `"1"`), and integers of 64 bits are always `bigint`, so none loses precision.
 * Timestamps (extension −1) are `Date`s and other extension types `ExtData`. Pure: the redaction of secrets inside
 * binary frames walks these values too.
 */

/** Keys other than strings, and strings that could be mistaken for these stand-ins, wait here during a decode. */
let setAsideKeys: unknown[] = [];
const STAND_IN = '\u0000';

const decoder = new Decoder({
  useBigInt64: true,
  mapKeyConverter(key: unknown) {
    if (typeof key === 'string' && !key.startsWith(STAND_IN)) return key;
    setAsideKeys.push(key);
    return `${STAND_IN}${setAsideKeys.length - 1}`;
  },
});

/** Decodes exactly one value that fills every byte: trailing bytes mean this is not (only) MessagePack. */
export function decodeValue(bytes: Uint8Array): Result<unknown> {
  if (bytes.length === 0) return { ok: false, error: 'No bytes: an empty frame holds no MessagePack value' };
  setAsideKeys = [];
  try {
    return { ok: true, value: restoreKeys(decoder.decode(bytes), setAsideKeys) };
  } catch (error) {
    return { ok: false, error: `Not MessagePack: ${describe(error)}` };
  } finally {
    setAsideKeys = [];
  }
}

function restoreKeys(value: unknown, keys: unknown[]): unknown {
  if (keys.length === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => restoreKeys(item, keys));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value; // Uint8Array, ExtData, Date
  const entries = Object.entries(value).map(([key, item]): [unknown, unknown] => [
    key.startsWith(STAND_IN) ? keys[Number(key.slice(STAND_IN.length))] : key,
    restoreKeys(item, keys),
  ]);
  if (entries.every(([key]) => typeof key === 'string')) return Object.fromEntries(entries);
  return new Map(entries);
}

const scalarEncoder = new Encoder({ useBigInt64: true });

/**
 * Encodes a value: JSON data, and whatever decodeValue gives (`Map` with any keys, `bigint`, `Uint8Array`, `Date`,
 * `ExtData`). Arrays and maps are framed here so a `Map` keeps its keys; everything else is the library's.
 */
export function encodeValue(value: unknown): Result<Uint8Array> {
  try {
    const parts: Uint8Array[] = [];
    writeValue(value, parts);
    return { ok: true, value: concat(parts) };
  } catch (error) {
    return { ok: false, error: `Cannot encode as MessagePack: ${describe(error)}` };
  }
}

function writeValue(value: unknown, parts: Uint8Array[]): void {
  if (Array.isArray(value)) {
    parts.push(containerHeader(value.length, 0x90, 0xdc));
    for (const item of value) writeValue(item, parts);
  } else if (value instanceof Map || isPlainObject(value)) {
    const entries: [unknown, unknown][] = value instanceof Map ? [...value.entries()] : Object.entries(value);
    parts.push(containerHeader(entries.length, 0x80, 0xde));
    for (const [key, item] of entries) {
      writeValue(key, parts);
      writeValue(item, parts);
    }
  } else {
    parts.push(scalarEncoder.encode(value));
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** fixarray/fixmap below 16 entries, else the 16- or 32-bit form (`sixteenBit` + 1 is the 32-bit one). */
function containerHeader(count: number, fixed: number, sixteenBit: number): Uint8Array {
  if (count < 16) return Uint8Array.of(fixed | count);
  if (count < 0x10000) return Uint8Array.of(sixteenBit, count >> 8, count & 0xff);
  return Uint8Array.of(sixteenBit + 1, count >>> 24, (count >> 16) & 0xff, (count >> 8) & 0xff, count & 0xff);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
