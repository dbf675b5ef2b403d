/**
 * Where the MessagePack value starting at byte 0 ends, or undefined when the bytes are too few or hold a byte
 * MessagePack never uses (0xc1). Reads only headers, building nothing, so detection can afford it on the first
 * screen before the decoder and its library load.
 */
export function messagePackExtent(bytes: Uint8Array): number | undefined {
  let position = 0;
  let pending = 1; // values still to read: container headers add their items
  while (pending > 0) {
    const head = itemHead(bytes, position);
    if (!head) return undefined;
    position += head.size;
    if (position > bytes.length) return undefined;
    pending += head.items - 1;
  }
  return position;
}

interface ItemHead {
  /** Bytes of the header and any payload (a string's text, a number's bytes). */
  size: number;
  /** Values that follow as this item's contents: an array's items, a map's keys and values. */
  items: number;
}

export function itemHead(bytes: Uint8Array, at: number): ItemHead | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first <= 0x7f || first >= 0xe0) return { size: 1, items: 0 }; // fixints
  if (first <= 0x8f) return { size: 1, items: 2 * (first & 0x0f) }; // fixmap
  if (first <= 0x9f) return { size: 1, items: first & 0x0f }; // fixarray
  if (first <= 0xbf) return { size: 1 + (first & 0x1f), items: 0 }; // fixstr
  const fixed = FIXED_SIZES.get(first);
  if (fixed !== undefined) return { size: fixed, items: 0 };
  const sized = LENGTH_PREFIXED.get(first);
  if (sized) {
    const length = readLength(bytes, at + 1, sized.lengthBytes);
    if (length === undefined) return undefined;
    const header = 1 + sized.lengthBytes;
    if (sized.kind === 'payload') return { size: header + length, items: 0 };
    if (sized.kind === 'extension') return { size: header + 1 + length, items: 0 };
    return { size: header, items: sized.kind === 'map' ? 2 * length : length };
  }
  return undefined; // 0xc1, never used
}

/** nil, false, true, floats, integers and fixext: a header byte and a known number of bytes. */
const FIXED_SIZES = new Map<number, number>([
  [0xc0, 1],
  [0xc2, 1],
  [0xc3, 1],
  [0xca, 5],
  [0xcb, 9],
  [0xcc, 2],
  [0xcd, 3],
  [0xce, 5],
  [0xcf, 9],
  [0xd0, 2],
  [0xd1, 3],
  [0xd2, 5],
  [0xd3, 9],
  [0xd4, 3],
  [0xd5, 4],
  [0xd6, 6],
  [0xd7, 10],
  [0xd8, 18],
]);

type LengthKind = 'payload' | 'extension' | 'array' | 'map';

/** bin, ext, str, array and map with a 1-, 2- or 4-byte big-endian length after the header byte. */
const LENGTH_PREFIXED = new Map<number, { lengthBytes: number; kind: LengthKind }>([
  [0xc4, { lengthBytes: 1, kind: 'payload' }],
  [0xc5, { lengthBytes: 2, kind: 'payload' }],
  [0xc6, { lengthBytes: 4, kind: 'payload' }],
  [0xc7, { lengthBytes: 1, kind: 'extension' }],
  [0xc8, { lengthBytes: 2, kind: 'extension' }],
  [0xc9, { lengthBytes: 4, kind: 'extension' }],
  [0xd9, { lengthBytes: 1, kind: 'payload' }],
  [0xda, { lengthBytes: 2, kind: 'payload' }],
  [0xdb, { lengthBytes: 4, kind: 'payload' }],
  [0xdc, { lengthBytes: 2, kind: 'array' }],
  [0xdd, { lengthBytes: 4, kind: 'array' }],
  [0xde, { lengthBytes: 2, kind: 'map' }],
  [0xdf, { lengthBytes: 4, kind: 'map' }],
]);

function readLength(bytes: Uint8Array, at: number, count: number): number | undefined {
  if (at + count > bytes.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[at + i] as number);
  return length;
}
