import { cborExtent } from '../decoders/cbor/extent';
import * as cbor from '../decoders/cbor/value';
import { messagePackExtent } from '../decoders/msgpack/extent';
import * as msgpack from '../decoders/msgpack/value';
import type { Result } from '../result';

/**
 * Secrets inside binary frames: a frame that decodes whole as MessagePack or CBOR has its strings redacted as
 * texts are, and the string values of credential-named map keys replaced, then is encoded again. A frame that
 * decodes as neither cannot be checked: the caller counts it, so the person is told.
 */

/** What the walk does with what it finds: the export's plan. */
export interface ValueRedactor {
  text(text: string): string;
  /** The value of a map entry keyed `name`: replaced when the name says it holds a credential. */
  field(name: string, value: string): string;
}

export interface BinaryRedaction {
  bytes: Uint8Array;
  /** False when the frame decodes as neither format (or cannot be encoded again): its bytes are as recorded. */
  checked: boolean;
}

interface Codec {
  /** Reads headers only: a cheap test that the bytes hold one value, filling them, before any decoding. */
  extent(bytes: Uint8Array): number | undefined;
  decodeValue(bytes: Uint8Array): Result<unknown>;
  encodeValue(value: unknown): Result<Uint8Array>;
}

const CODECS: readonly Codec[] = [
  { extent: messagePackExtent, decodeValue: msgpack.decodeValue, encodeValue: msgpack.encodeValue },
  { extent: cborExtent, decodeValue: cbor.decodeValue, encodeValue: cbor.encodeValue },
];

/**
 * The frame with its secrets replaced; the same bytes when none was found. Some frames decode as both formats:
 * each reading is searched, since a secret read under the wrong format would be missed.
 */
export function redactBinary(bytes: Uint8Array, redactor: ValueRedactor): BinaryRedaction {
  let checked = false;
  for (const codec of CODECS) {
    if (codec.extent(bytes) !== bytes.length) continue;
    const decoded = codec.decodeValue(bytes);
    if (!decoded.ok) continue;
    let redacted: unknown;
    try {
      redacted = redactValue(decoded.value, redactor);
    } catch {
      // Nested deeper than the stack allows: not checked.
      continue;
    }
    if (redacted === decoded.value) {
      checked = true;
      continue;
    }
    const encoded = codec.encodeValue(redacted);
    if (encoded.ok) return { bytes: encoded.value, checked: true };
  }
  return { bytes, checked };
}

/** The value with its strings redacted; the same object wherever nothing changed, so the caller can tell. */
function redactValue(value: unknown, redactor: ValueRedactor, key?: unknown): unknown {
  if (typeof value === 'string') {
    const text = redactor.text(value);
    return typeof key === 'string' ? redactor.field(key, text) : text;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => redactValue(item, redactor));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value instanceof Map) {
    const entries = [...value].map(([k, item]): [unknown, unknown] => [k, redactValue(item, redactor, k)]);
    return entries.some(([k, item]) => item !== value.get(k)) ? new Map(entries) : value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value);
    const redacted = entries.map(([k, item]) => [k, redactValue(item, redactor, k)] as const);
    return redacted.some(([, item], i) => item !== entries[i]?.[1]) ? Object.fromEntries(redacted) : value;
  }
  // Numbers, bytes, dates, extension values and tags are as recorded.
  return value;
}
