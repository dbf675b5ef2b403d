import { decodeUtf8 } from '../encoding/utf8';
import type { ChunkColumns } from '../record/chunk';
import { isInbound, kindOf } from '../record/chunk';

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
  /** A JSON field condition such as `type = trade` or `price > 100`. */
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

export function isEmptyFilter(spec: FilterSpec): boolean {
  return (
    spec.text === '' &&
    spec.direction === 'all' &&
    spec.kind === 'all' &&
    spec.minSize === undefined &&
    spec.maxSize === undefined &&
    spec.fromTime === undefined &&
    spec.toTime === undefined &&
    spec.json.trim() === ''
  );
}

/** A compiled filter: tests record `index` of a chunk without building a record object. */
export interface CompiledFilter {
  matches(chunk: ChunkColumns, index: number): boolean;
  /** What was not taken as asked, e.g. an invalid regex searched for as plain text. */
  warnings: string[];
}

type JsonOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';
interface JsonCondition {
  path: string[];
  operator: JsonOperator;
  value: string | number | boolean | null;
}

const JSON_CONDITION = /^\s*([^\s=!<>~]+)\s*(=|==|!=|>=|<=|>|<|~)\s*(.*?)\s*$/;

/** Parses `path op value`; the path is dot-separated (`data.items.0.price`). */
export function parseJsonCondition(text: string): JsonCondition | string {
  const match = JSON_CONDITION.exec(text);
  if (!match) return `“${text}” is not a field condition: write it like type = trade or price > 100.`;
  const [, path = '', rawOperator = '=', rawValue = ''] = match;
  const operator = (rawOperator === '==' ? '=' : rawOperator) as JsonOperator;
  let value: JsonCondition['value'] = rawValue;
  if (/^".*"$/.test(rawValue)) value = rawValue.slice(1, -1);
  else if (rawValue === 'true' || rawValue === 'false') value = rawValue === 'true';
  else if (rawValue === 'null') value = null;
  else if (rawValue !== '' && Number.isFinite(Number(rawValue))) value = Number(rawValue);
  if (
    (operator === '>' || operator === '<' || operator === '>=' || operator === '<=') &&
    typeof value !== 'number'
  ) {
    return `${operator} compares numbers: “${rawValue}” is not one.`;
  }
  return { path: path.split('.'), operator, value };
}

export function compileFilter(spec: FilterSpec): CompiledFilter {
  const warnings: string[] = [];
  const textTest = compileText(spec, warnings);
  let json: JsonCondition | null = null;
  if (spec.json.trim() !== '') {
    const parsed = parseJsonCondition(spec.json);
    if (typeof parsed === 'string') warnings.push(parsed);
    else json = parsed;
  }
  const lastKey = json ? `"${json.path.at(-1) ?? ''}"` : '';
  const { minSize, maxSize, fromTime, toTime, direction, kind } = spec;
  // Decided once, not per record: a filter over a million frames runs this test a million times.
  const checksType = kind !== 'all' || direction !== 'all';
  const checksSize = minSize !== undefined || maxSize !== undefined;
  const checksTime = fromTime !== undefined || toTime !== undefined;
  const checksContent = textTest !== null || json !== null;
  const low = minSize ?? -Infinity;
  const high = maxSize ?? Infinity;
  const from = fromTime ?? -Infinity;
  const to = toTime ?? Infinity;

  return {
    warnings,
    matches(chunk, index) {
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
      const payload = chunk.payload[index];
      const text = typeof payload === 'string' ? payload : searchableText(chunk, index);
      if (textTest !== null && !textTest(text)) return false;
      // Parsing is the expensive part: only texts that name the field are parsed.
      if (
        json !== null &&
        (typeof payload !== 'string' || !text.includes(lastKey) || !jsonHolds(text, json))
      ) {
        return false;
      }
      return true;
    },
  };
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

function jsonHolds(text: string, condition: JsonCondition): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  for (const key of condition.path) {
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined) return false;
  const expected = condition.value;
  switch (condition.operator) {
    case '=':
      return value === expected || (typeof value !== 'object' && String(value) === String(expected));
    case '!=':
      return !(value === expected || (typeof value !== 'object' && String(value) === String(expected)));
    case '~':
      return typeof value === 'string' && value.includes(String(expected));
    case '>':
      return typeof value === 'number' && value > (expected as number);
    case '>=':
      return typeof value === 'number' && value >= (expected as number);
    case '<':
      return typeof value === 'number' && value < (expected as number);
    case '<=':
      return typeof value === 'number' && value <= (expected as number);
  }
}
