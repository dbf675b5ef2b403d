import { isPrintableUtf8 } from '../printable';
import { BREAK, INDEFINITE, readHead } from './extent';

interface Level {
  /** Items still to read; INDEFINITE until a break. */
  left: number;
  map: boolean;
  index: number;
}

/**
 * Whether an item that fills the frame looks like what applications send: a map with a key, every map keyed
 * by text, every text string printable (indefinite-length strings, which encoders of messages hardly make, are not
 * evidence). Random bytes that happen to be well-formed almost never are (see
 * tests/unit/lib/decoders/sniff-random.test.ts).
 */
export function looksLikeCborMessage(bytes: Uint8Array): boolean {
  const open: Level[] = [{ left: 1, map: false, index: 0 }];
  let position = 0;
  let keys = 0;
  while (open.length > 0) {
    const level = open[open.length - 1] as Level;
    if (level.left === 0) {
      open.pop();
      continue;
    }
    if (bytes[position] === BREAK) {
      if (level.left !== INDEFINITE) return false;
      position++;
      open.pop();
      continue;
    }
    const isKey = level.map && level.index % 2 === 0;
    if (level.left !== INDEFINITE) level.left--;
    level.index++;
    const head = readHead(bytes, position);
    if (!head || (isKey && head.majorType !== 3)) return false;
    position = head.end;
    const { majorType, argument } = head;
    if (majorType === 2 || majorType === 3) {
      if (argument === INDEFINITE || position + argument > bytes.length) return false;
      if (majorType === 3 && !isPrintableUtf8(bytes.subarray(position, position + argument))) return false;
      if (isKey && argument > 0) keys++;
      position += argument;
    } else if (majorType === 4 || majorType === 5) {
      const items = argument === INDEFINITE || majorType === 4 ? argument : 2 * argument;
      open.push({ left: items, map: majorType === 5, index: 0 });
    } else if (majorType === 6) {
      open.push({ left: 1, map: false, index: 0 });
    } else if (argument === INDEFINITE) {
      return false;
    }
  }
  return keys > 0 && position === bytes.length;
}
