import { Decoder, Encoder } from '@msgpack/msgpack';
import type { Result } from '../../result';
import { messageOf } from '../../errors';

/**
 * MessagePack bytes ↔ JavaScript values, through @msgpack/msgpack, with two additions the inspector needs: a map
 * whose keys are not all strings becomes a `Map` with its keys as they were (the library alone accepts only string
 * and number keys and turns `1` into `"1"`), and integers of 64 bits are always `bigint`, so none loses precision.
 * Timestamps (extension −1) are `Date`s and other extension types `ExtData`. Pure: the redaction of secrets inside
 * binary frames walks these values too.
 */

/**
 * Keys the library would refuse or change wait here during a decode, a stand-in string in their place: keys other
 * than strings, `__proto__` (refused outright), and strings that could be mistaken for a stand-in.
 */
let setAsideKeys: unknown[] = [];
const STAND_IN = '\u0000';

function setAside(key: unknown): string {
  setAsideKeys.push(key);
  return `${STAND_IN}${setAsideKeys.length - 1}`;
}

const lenientUtf8 = new TextDecoder(); // as the library reads strings: invalid bytes become U+FFFD

const decoder = new Decoder({
  useBigInt64: true,
  // Every string key passes through here, before the library's `__proto__` check.
  keyDecoder: {
    canBeCached: () => true,
    decode(bytes: Uint8Array, offset: number, length: number) {
      const key = lenientUtf8.decode(bytes.subarray(offset, offset + length));
      return key === '__proto__' || key.startsWith(STAND_IN) ? setAside(key) : key;
    },
  },
  mapKeyConverter: (key: unknown) => (typeof key === 'string' ? key : setAside(key)),
});

/** Decodes exactly one value that fills every byte: trailing bytes mean this is not (only) MessagePack. */
export function decodeValue(bytes: Uint8Array): Result<unknown> {
  if (bytes.length === 0) return { ok: false, error: 'No bytes: an empty frame holds no MessagePack value' };
  setAsideKeys = [];
  try {
    return { ok: true, value: restoreKeys(decoder.decode(bytes), setAsideKeys) };
  } catch (error) {
    return { ok: false, error: `Not MessagePack: ${messageOf(error)}` };
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
    return { ok: false, error: `Cannot encode as MessagePack: ${messageOf(error)}` };
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
    parts.push(scalarEncoder.encode(beyond32Bits(value) ? BigInt(value) : value));
  }
}

/**
 * With bigints on, the library writes integers past 32 bits as float64 (so they do not come back as bigints);
 * as bigints they become the int 64 / uint 64 that MessagePack has for them, as the library writes them by default.
 */
function beyond32Bits(value: unknown): value is number {
  return Number.isSafeInteger(value) && ((value as number) > 0xffffffff || (value as number) < -0x80000000);
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
