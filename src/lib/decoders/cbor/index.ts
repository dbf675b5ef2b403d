import { Simple, Tag } from 'cbor2';
import type { Decoder } from '../decoder';
import { composeValueFrame, decodeValueFrame, type ValueEncoding } from '../value-tree/frame';
import { decodeValue, encodeValue } from './value';

export { decodeValue, encodeValue };

/** RFC 8949 §3.4.3: tags 2 and 3 hold an unsigned and a negative big integer as bytes. */
const POSITIVE_BIGNUM = 2;
const NEGATIVE_BIGNUM = 3;

/** Tags as `{"$tag": n, "value": …}` (bignums as the decimal integer they stand for), simple values as `$simple`. */
function cborTree(value: unknown, toTree: (inner: unknown) => unknown): unknown {
  if (value instanceof Simple) return { $simple: value.value };
  if (!(value instanceof Tag)) return undefined;
  const tag = Number(value.tag);
  if ((tag === POSITIVE_BIGNUM || tag === NEGATIVE_BIGNUM) && value.contents instanceof Uint8Array) {
    const magnitude = value.contents.reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
    return toTree(tag === POSITIVE_BIGNUM ? magnitude : -1n - magnitude);
  }
  return { $tag: tag, value: toTree(value.contents) };
}

/** CBOR as the encoding of whole binary frames: each frame one item, shown as JSON-able data. */
const cbor: ValueEncoding = { label: 'CBOR', decodeValue, encodeValue, special: cborTree };

export const decoder: Decoder = {
  id: 'cbor',
  label: 'CBOR',
  start: () => ({ decode: (frame) => decodeValueFrame(cbor, frame) }),
  compose: (description) => composeValueFrame(cbor, description),
};
