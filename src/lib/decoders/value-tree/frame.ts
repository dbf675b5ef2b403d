import type { Result } from '../../result';
import type { DecodeResult, OutgoingFrame, WireFrame } from '../decoder';
import { valueMessage } from './message';
import { valueTree, type SpecialTree } from './tree';

/** What an encoding of values (MessagePack, CBOR) lends to decoding frames and composing them. */
export interface ValueEncoding {
  label: string;
  decodeValue(bytes: Uint8Array): Result<unknown>;
  encodeValue(value: unknown): Result<Uint8Array>;
  /** Its own kinds in the tree: extension types, tags. */
  special?: SpecialTree;
}

/** One binary frame is one value; such encodings carry no state from frame to frame. */
export function decodeValueFrame(encoding: ValueEncoding, frame: WireFrame): DecodeResult {
  if (!frame.bytes) {
    return { ok: false, error: `${encoding.label} travels in binary frames, and this is a text frame` };
  }
  const decoded = encoding.decodeValue(frame.bytes);
  if (!decoded.ok) return decoded;
  return { ok: true, value: [valueMessage(valueTree(decoded.value, encoding.special))] };
}

/** The composer's JSON value, encoded as one binary frame. */
export function composeValueFrame(
  encoding: ValueEncoding,
  description: unknown,
): Result<OutgoingFrame[], string> {
  const encoded = encoding.encodeValue(description);
  return encoded.ok ? { ok: true, value: [{ bytes: encoded.value }] } : encoded;
}
