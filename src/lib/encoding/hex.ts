import type { Result } from '../result';

/** Separators people paste between bytes: spaces, newlines, colons, commas, dashes. */
const SEPARATOR = /[\s:,-]/;

/**
 * Parses hex typed or pasted by a person: `de ad be ef`, `DEADBEEF`, `0xde 0xad`, `de:ad:be:ef`.
 * Each byte is two digits; a `0x` prefix per byte is allowed.
 */
export function parseHex(input: string): Result<Uint8Array> {
  const digits: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (SEPARATOR.test(ch)) continue;
    if (ch === '0' && (input[i + 1] === 'x' || input[i + 1] === 'X') && digits.length % 2 === 0) {
      i++;
      continue;
    }
    const value = Number.parseInt(ch, 16);
    if (Number.isNaN(value)) {
      return { ok: false, error: `“${ch}” at position ${i + 1} is not a hex digit` };
    }
    digits.push(value);
  }
  if (digits.length % 2 !== 0) {
    return { ok: false, error: `${digits.length} hex digits: every byte needs two, so one is missing` };
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = ((digits[2 * i] as number) << 4) | (digits[2 * i + 1] as number);
  return { ok: true, value: bytes };
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array, separator = ' '): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX_PAIRS[bytes[i] as number] as string;
  return parts.join(separator);
}

export interface HexDumpLine {
  offset: string;
  hex: string;
  ascii: string;
}

export const HEX_DUMP_WIDTH = 16;

/**
 * One line of a classic hex dump: offset, `width` bytes in hex (16, or 8 where the pane is narrow, so the ASCII
 * column still shows), the printable ASCII ones as text. Sixteen-byte lines get a gap after the eighth byte.
 */
export function hexDumpLine(bytes: Uint8Array, lineIndex: number, width = HEX_DUMP_WIDTH): HexDumpLine {
  const start = lineIndex * width;
  const slice = bytes.subarray(start, start + width);
  let ascii = '';
  for (const byte of slice) ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
  const hexParts: string[] = [];
  for (let i = 0; i < slice.length; i++) {
    hexParts.push((HEX_PAIRS[slice[i] as number] as string) + (i === 7 && width > 8 ? ' ' : ''));
  }
  return { offset: start.toString(16).padStart(8, '0'), hex: hexParts.join(' '), ascii };
}

export function hexDumpLineCount(byteLength: number, width = HEX_DUMP_WIDTH): number {
  return Math.ceil(byteLength / width);
}
