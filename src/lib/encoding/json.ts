import type { Result } from '../result';
import { findJsonSyntaxProblem } from './json-syntax';

export interface JsonSyntaxError {
  message: string;
  /** 1-based line and column of the failure. */
  line?: number;
  column?: number;
}

export type JsonParseResult = Result<unknown, JsonSyntaxError>;

/** Parses JSON and, on failure, says where it breaks. */
export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    if (problem === null)
      return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
    return { ok: false, error: { message: problem.message, ...lineAndColumnAt(text, problem.offset) } };
  }
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
