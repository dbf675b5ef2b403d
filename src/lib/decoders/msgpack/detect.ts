import type { DecoderEntry } from '../decoder';
import { looksLikeMessagePackMessage } from './evidence';
import { messagePackExtent } from './extent';

/**
 * Nothing marks a frame as MessagePack, and almost any short byte string decodes as some value, so a frame is
 * claimed only when it is a map or an array (what applications send) that ends exactly at the frame's end, and
 * holds a map keyed by text (./evidence.ts).
 */
export const entry: DecoderEntry = {
  id: 'msgpack',
  label: 'MessagePack',
  byProtocol: (protocol) => ['msgpack', 'messagepack'].includes(protocol.toLowerCase()),
  sniff: (frame) =>
    frame.bytes !== undefined &&
    startsContainer(frame.bytes[0]) &&
    messagePackExtent(frame.bytes) === frame.bytes.length &&
    looksLikeMessagePackMessage(frame.bytes),
  load: () => import('./index').then((m) => m.decoder),
};

/** fixmap, fixarray, array 16/32, map 16/32. */
function startsContainer(first: number | undefined): boolean {
  return first !== undefined && ((first >= 0x80 && first <= 0x9f) || (first >= 0xdc && first <= 0xdf));
}
