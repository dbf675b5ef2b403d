import type { Result } from '../result';
import { findJsonSyntaxProblem } from './json-syntax';
import { messageOf } from '../errors';

export interface JsonSyntaxError {
  message: string;
  /** 1-based line and column of the failure. */
  line?: number;
  column?: number;
}

export type JsonParseResult = Result<unknown, JsonSyntaxError>;

/**
 * JSON.parse without throwing: the one way to try a text that may not be JSON. The error is the engine's own
 * message, cheap to make; `parseJson` says where the text breaks instead. Deep nesting that overflows the
 * parser's stack is "not JSON" too.
 */
export function tryParseJson(text: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

/** Parses JSON and, on failure, says where it breaks. */
export function parseJson(text: string): JsonParseResult {
  const parsed = tryParseJson(text);
  if (parsed.ok) return parsed;
  const problem = findJsonSyntaxProblem(text);
  if (problem === null) return { ok: false, error: { message: parsed.error } };
  return { ok: false, error: { message: problem.message, ...lineAndColumnAt(text, problem.offset) } };
}

/**
 * Parses JSON keeping integers beyond double precision exact, as BigInts: what a person reads must be what was
 * on the wire (`12345678901234567890`, not `12345678901234567000`). A text is parsed a second time only when the
 * first parse holds a number that large; for all others this costs a walk over the parsed value.
 */
export function tryParseExactJson(text: string): Result<unknown> {
  const parsed = tryParseJson(text);
  if (!parsed.ok || !holdsUnsafeNumber(parsed.value)) return parsed;
  const marker = `\u0000big${Math.random().toString(36).slice(2)}:`;
  const marked = markUnsafeIntegers(text, marker);
  if (marked === text) return parsed;
  try {
    return {
      ok: true,
      value: JSON.parse(marked, (_key, value: unknown) =>
        typeof value === 'string' && value.startsWith(marker) ? BigInt(value.slice(marker.length)) : value,
      ) as unknown,
    };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

/** Whether a parsed value holds a number beyond the safe integers. A loop, not recursion: nesting may be deep. */
function holdsUnsafeNumber(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'number') {
      if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) if (typeof item !== 'string') stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) if (typeof item !== 'string') stack.push(item);
    }
  }
  return false;
}

/**
 * Quotes, with `marker` in front, each integer token outside strings that a double cannot hold exactly.
 * The marker holds a raw control character, which no JSON string can contain unescaped, and a random part.
 */
function markUnsafeIntegers(text: string, marker: string): string {
  const escapedMarker = JSON.stringify(marker).slice(1, -1);
  let out = '';
  let copiedTo = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      i++;
    } else if (code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)) {
      const start = i;
      i++;
      while (i < text.length && /[0-9.eE+-]/.test(text[i] as string)) i++;
      const token = text.slice(start, i);
      if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(copiedTo, start)}"${escapedMarker}${token}"`;
        copiedTo = i;
      }
    } else i++;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

export function lineAndColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastNewline = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastNewline };
}

export function describeJsonError(error: JsonSyntaxError): string {
  return error.line === undefined
    ? error.message
    : `Line ${error.line}, column ${error.column}: ${error.message}`;
}

export function formatJson(text: string, indent: number | '' = 2): Result<string> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: describeJsonError(parsed.error) };
  return { ok: true, value: JSON.stringify(parsed.value, null, indent) };
}

/**
 * Whether a received text looks like JSON worth showing as a tree: an object or an array.
 * A bare number or string parses too, but a tree of one leaf helps no one.
 */
export function parseJsonContainer(text: string): { ok: true; value: object } | { ok: false } {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return { ok: false };
  const parsed = parseJson(text);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null
    ? { ok: true, value: parsed.value }
    : { ok: false };
}
