import type { DecoderEntry } from '../decoder';
import { looksLikeCborMessage } from './evidence';
import { cborExtent } from './extent';

/** RFC 8949 §3.4.6: tag 55799 marks bytes as CBOR on purpose. */
const SELF_DESCRIBED = [0xd9, 0xd9, 0xf7];

/**
 * Nothing marks a frame as CBOR unless it opens with the self-described tag, and many short byte strings are some
 * item, so a frame is otherwise claimed only when it is a map or an array (possibly tagged) that ends exactly at
 * the frame's end and holds a map keyed by text (./evidence.ts).
 */
export const entry: DecoderEntry = {
  id: 'cbor',
  label: 'CBOR',
  byProtocol: (protocol) => protocol.toLowerCase() === 'cbor',
  sniff: (frame) => {
    const bytes = frame.bytes;
    if (!bytes || cborExtent(bytes) !== bytes.length) return false;
    return (
      SELF_DESCRIBED.every((byte, i) => bytes[i] === byte) ||
      (startsContainer(bytes) && looksLikeCborMessage(bytes))
    );
  },
  load: () => import('./index').then((m) => m.decoder),
};

/** Past any tag heads, a map (major type 5) or an array (4). */
function startsContainer(bytes: Uint8Array): boolean {
  let position = 0;
  for (;;) {
    const first = bytes[position];
    if (first === undefined) return false;
    const majorType = first >> 5;
    if (majorType === 4 || majorType === 5) return true;
    if (majorType !== 6) return false;
    const info = first & 0x1f;
    position += info < 24 ? 1 : info <= 27 ? 1 + (1 << (info - 24)) : Infinity;
  }
}
