/**
 * Where the CBOR item starting at byte 0 ends, or undefined when the bytes are too few or not well-formed (RFC 8949
 * appendix C: reserved additional information, a break outside an indefinite item, a string chunk of another type).
 * Reads only heads, building nothing, so detection can afford it on the first screen before cbor2 loads.
 */
export function cborExtent(bytes: Uint8Array): number | undefined {
  let position = 0;
  // Items still to read at each open level; INDEFINITE until a break (0xff) closes it.
  const levels: number[] = [1];
  while (levels.length > 0) {
    const depth = levels.length - 1;
    const left = levels[depth] as number;
    if (left === 0) {
      levels.pop();
      continue;
    }
    if (bytes[position] === BREAK) {
      if (left !== INDEFINITE) return undefined;
      position++;
      levels.pop();
      continue;
    }
    if (left !== INDEFINITE) levels[depth] = left - 1;
    const head = readHead(bytes, position);
    if (!head) return undefined;
    position = head.end;
    const opened = contents(bytes, head);
    if (opened === undefined) return undefined;
    if (typeof opened === 'object') position = opened.end;
    else if (opened !== 0) levels.push(opened);
  }
  return position;
}

export const BREAK = 0xff;
export const INDEFINITE = -1;

export interface Head {
  majorType: number;
  /** The argument; INDEFINITE for additional information 31. */
  argument: number;
  end: number;
}

export function readHead(bytes: Uint8Array, at: number): Head | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  const majorType = first >> 5;
  const info = first & 0x1f;
  if (info < 24) return { majorType, argument: info, end: at + 1 };
  if (info === 31) return { majorType, argument: INDEFINITE, end: at + 1 };
  if (info > 27) return undefined; // 28–30 are reserved
  const count = 1 << (info - 24);
  if (at + 1 + count > bytes.length) return undefined;
  let argument = 0;
  for (let i = 1; i <= count; i++) argument = argument * 256 + (bytes[at + i] as number);
  if (majorType === 7 && info === 24 && argument < 32) return undefined; // simple values below 32 take one byte
  return { majorType, argument, end: at + 1 + count };
}

/**
 * What follows a head: nested items to count (a number, INDEFINITE for until a break, 0 for none), or the end of a
 * string read here. Undefined when the head is not well-formed.
 */
function contents(bytes: Uint8Array, head: Head): number | { end: number } | undefined {
  const { majorType, argument } = head;
  switch (majorType) {
    case 0:
    case 1:
      return argument === INDEFINITE ? undefined : 0;
    case 2:
    case 3:
      if (argument !== INDEFINITE) return payloadEnd(bytes, head.end, argument);
      return chunkedStringEnd(bytes, head.end, majorType);
    case 4:
      return argument;
    case 5:
      return argument === INDEFINITE ? INDEFINITE : 2 * argument;
    case 6:
      return argument === INDEFINITE ? undefined : 1;
    default:
      // Simple values and floats; a lone break (31) was handled by the caller, so 31 here is misplaced.
      return argument === INDEFINITE ? undefined : 0;
  }
}

function payloadEnd(bytes: Uint8Array, from: number, length: number): { end: number } | undefined {
  return from + length <= bytes.length ? { end: from + length } : undefined;
}

/** An indefinite-length string: definite chunks of the same major type, then a break. */
function chunkedStringEnd(bytes: Uint8Array, from: number, majorType: number): { end: number } | undefined {
  let position = from;
  while (bytes[position] !== BREAK) {
    const chunk = readHead(bytes, position);
    if (!chunk || chunk.majorType !== majorType || chunk.argument === INDEFINITE) return undefined;
    const end = payloadEnd(bytes, chunk.end, chunk.argument);
    if (!end) return undefined;
    position = end.end;
  }
  return { end: position + 1 };
}
