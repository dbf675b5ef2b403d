import { decodeUtf8 } from '../encoding/utf8';
import type { ChunkColumns } from '../record/chunk';
import { isInbound, kindOf } from '../record/chunk';
import { parseFieldCondition } from './field-condition';
import type { FrameDecoding } from './frame-decoding';
import { fieldTester } from './field-reader';

export type KindFilter = 'all' | 'text' | 'binary' | 'events';
export type DirectionFilter = 'all' | 'out' | 'in';

/** What the person asked for; every part is optional, and all of them must hold. */
export interface FilterSpec {
  text: string;
  caseSensitive: boolean;
  regex: boolean;
  direction: DirectionFilter;
  kind: KindFilter;
  /** Bytes, inclusive. */
  minSize?: number;
  maxSize?: number;
  /** Epoch milliseconds, inclusive. */
  fromTime?: number;
  toTime?: number;
  /** A field condition such as `type = trade` or `price > 100`, on the decoded message (plain JSON without a decoder). */
  json: string;
}

export const EMPTY_FILTER: FilterSpec = {
  text: '',
  caseSensitive: false,
  regex: false,
  direction: 'all',
  kind: 'all',
  json: '',
};

/** A compiled filter: tests record `index` of a chunk without building a record object. */
export interface CompiledFilter {
  matches(chunk: ChunkColumns, index: number): boolean;
  /**
   * Writes the seq of each record in [from, to) of a chunk that matches into `out`, in order, from position `at`
   * (`out` has room for `to - from` more), and returns the position after the last one written: no call per
   * match. A filter that only looks at the text runs a loop of its own over the chunk's payloads, with no
   * per-record test of kind, size or time.
   */
  scan(chunk: ChunkColumns, from: number, to: number, out: Uint32Array, at: number): number;
  /** What was not taken as asked, e.g. an invalid regex searched for as plain text. */
  warnings: string[];
}

/**
 * Compiles a filter. The JSON field condition reads the fields of each frame's decoded messages, with the
 * session's decoder (`decoding`), or as plain JSON when the session has none.
 */
export function compileFilter(spec: FilterSpec, decoding: FrameDecoding | null = null): CompiledFilter {
  const warnings: string[] = [];
  const textTest = compileText(spec, warnings);
  let fieldTest: ((chunk: ChunkColumns, index: number) => boolean) | null = null;
  if (spec.json.trim() !== '') {
    const parsed = parseFieldCondition(spec.json);
    if (typeof parsed === 'string') warnings.push(parsed);
    else fieldTest = fieldTester(decoding, parsed);
  }
  const { minSize, maxSize, fromTime, toTime, direction, kind } = spec;
  // Decided once, not per record: a filter over a million frames runs this test a million times.
  const checksType = kind !== 'all' || direction !== 'all';
  const checksSize = minSize !== undefined || maxSize !== undefined;
  const checksTime = fromTime !== undefined || toTime !== undefined;
  const checksContent = textTest !== null || fieldTest !== null;
  const low = minSize ?? -Infinity;
  const high = maxSize ?? Infinity;
  const from = fromTime ?? -Infinity;
  const to = toTime ?? Infinity;

  const matches = (chunk: ChunkColumns, index: number): boolean => {
    const flags = chunk.flags[index] as number;
    if (checksType && !typeMatches(flags, kind, direction)) return false;
    if (checksSize) {
      const size = chunk.size[index] as number;
      if (size < low || size > high) return false;
    }
    if (checksTime) {
      const t = chunk.t[index] as number;
      if (t < from || t > to) return false;
    }
    if (!checksContent) return true;
    if (textTest !== null) {
      const payload = chunk.payload[index];
      if (!textTest(typeof payload === 'string' ? payload : searchableText(chunk, index))) return false;
    }
    return fieldTest === null || fieldTest(chunk, index);
  };
  // The common case, text alone, gets a loop of its own.
  const textAlone = fieldTest === null && !checksType && !checksSize && !checksTime ? textTest : null;
  return {
    warnings,
    matches,
    scan:
      textAlone !== null
        ? (chunk, start, end, out, at) => scanTexts(textAlone, chunk, start, end, out, at)
        : (chunk, start, end, out, at) => {
            let found = at;
            for (let index = start; index < end; index++) {
              if (matches(chunk, index)) out[found++] = chunk.firstSeq + index;
            }
            return found;
          },
  };
}

function scanTexts(
  test: (text: string) => boolean,
  chunk: ChunkColumns,
  start: number,
  end: number,
  out: Uint32Array,
  at: number,
): number {
  const payloads = chunk.payload;
  const first = chunk.firstSeq;
  let found = at;
  for (let index = start; index < end; index++) {
    const payload = payloads[index];
    if (test(typeof payload === 'string' ? payload : searchableText(chunk, index)))
      out[found++] = first + index;
  }
  return found;
}

function typeMatches(flags: number, kind: KindFilter, direction: DirectionFilter): boolean {
  const recordKind = kindOf(flags);
  const isMessage = recordKind === 'text' || recordKind === 'binary';
  if (kind !== 'all' && (kind === 'events' ? isMessage : recordKind !== kind)) return false;
  return direction === 'all' || (isMessage && (direction === 'in') === isInbound(flags));
}

function compileText(spec: FilterSpec, warnings: string[]): ((text: string) => boolean) | null {
  if (spec.text === '') return null;
  const flags = spec.caseSensitive ? '' : 'i';
  if (spec.regex) {
    try {
      const pattern = new RegExp(spec.text, flags);
      return (text) => pattern.test(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : '';
      warnings.push(`Not a valid regular expression (${reason}): searched for as plain text.`);
    }
  }
  if (spec.caseSensitive) {
    const needle = spec.text;
    return (text) => text.includes(needle);
  }
  // A case-insensitive literal as a regex: V8 matches it far faster than lower-casing every text.
  const pattern = new RegExp(spec.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (text) => pattern.test(text);
}

/** The text a binary message or an event is searched by: its bytes as UTF-8, or the event's words. */
function searchableText(chunk: ChunkColumns, index: number): string {
  const payload = chunk.payload[index];
  if (payload instanceof Uint8Array) return decodeUtf8(payload.subarray(0, 64 * 1024)).text;
  const event = chunk.events[index];
  return event ? Object.values(event).join(' ') : kindOf(chunk.flags[index] as number);
}
