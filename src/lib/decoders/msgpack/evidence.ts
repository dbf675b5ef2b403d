import { isPrintableUtf8 } from '../printable';
import { itemHead } from './extent';

/** fixmap, map 16, map 32. */
const isMapHead = (first: number) => (first >= 0x80 && first <= 0x8f) || first === 0xde || first === 0xdf;

/** Header bytes before a string's text: fixstr, str 8, str 16, str 32; undefined for any other item. */
function stringHeader(first: number): number | undefined {
  if (first >= 0xa0 && first <= 0xbf) return 1;
  return first === 0xd9 ? 2 : first === 0xda ? 3 : first === 0xdb ? 5 : undefined;
}

/**
 * Whether a value that fills the frame looks like what applications send: a map with a key, every map keyed by
 * strings, every string printable text. Random bytes that happen to parse almost never are (1 in 100,000 would
 * be many: tests/unit/lib/decoders/sniff-random.test.ts).
 */
export function looksLikeMessagePackMessage(bytes: Uint8Array): boolean {
  const open = [{ left: 1, map: false, index: 0 }];
  let position = 0;
  let keys = 0;
  while (open.length > 0) {
    const container = open[open.length - 1] as { left: number; map: boolean; index: number };
    if (container.left === 0) {
      open.pop();
      continue;
    }
    const isKey = container.map && container.index % 2 === 0;
    container.left--;
    container.index++;
    const first = bytes[position];
    const head = first === undefined ? undefined : itemHead(bytes, position);
    if (first === undefined || head === undefined || position + head.size > bytes.length) return false;
    const header = stringHeader(first);
    if (
      header === undefined ? isKey : !isPrintableUtf8(bytes.subarray(position + header, position + head.size))
    )
      return false;
    if (isKey && head.size > (header ?? 0)) keys++;
    position += head.size;
    if (head.items > 0) open.push({ left: head.items, map: isMapHead(first), index: 0 });
  }
  return keys > 0 && position === bytes.length;
}
