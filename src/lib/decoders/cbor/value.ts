import { decode, encode } from 'cbor2';
import type { Result } from '../../result';
import { messageOf } from '../../errors';

/**
 * CBOR bytes ↔ JavaScript values, through cbor2. Every tag stays a cbor2 `Tag` (no registry turns tag 1 into a
 * `Date` or refuses a tag 32 that is not a valid URL), so what was sent is what is shown; maps with keys other than
 * strings are `Map`s, integers beyond 2^53 `bigint` (beyond 64 bits they stay tags 2 and 3), simple values `Simple`. Pure: the redaction of secrets inside binary
 * frames walks these values too.
 */
export function decodeValue(bytes: Uint8Array): Result<unknown> {
  if (bytes.length === 0) return { ok: false, error: 'No bytes: an empty frame holds no CBOR item' };
  try {
    // cbor2 refuses trailing bytes itself ("Extra data in input"): a frame is one whole item or not CBOR.
    return { ok: true, value: decode(bytes, { ignoreGlobalTags: true }) };
  } catch (error) {
    return { ok: false, error: `Not CBOR: ${messageOf(error)}` };
  }
}

/** Encodes JSON data, and whatever decodeValue gives, in CBOR's preferred (shortest) forms. */
export function encodeValue(value: unknown): Result<Uint8Array> {
  try {
    return { ok: true, value: encode(value) };
  } catch (error) {
    return { ok: false, error: `Cannot encode as CBOR: ${messageOf(error)}` };
  }
}
