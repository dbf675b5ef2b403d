import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../../src/lib/encoding/json';
import { findJsonSyntaxProblem } from '../../../../src/lib/encoding/json-syntax';

describe('json', () => {
  it.each([
    ['{"a":1}', null],
    ['  [1, -2.5e3, "x\\u00e9", true, false, null, {}] ', null],
    ['{a: 1}', 'Expected a property name in double quotes'],
    ['{"a" 1}', "Expected ':' after the property name"],
    ['[1 2]', "Expected ',' or ']' after the array element"],
    ['{"a":1 "b":2}', "Expected ',' or '}' after the property value"],
    ['"tab\there"', 'Control characters must be escaped inside strings'],
    ['"\\x"', 'Invalid escape in string'],
    ['"\\u12"', '\\u must be followed by four hex digits'],
    ['01', 'Unexpected text after the JSON value'],
    ['truex', 'Unexpected text after the JSON value'],
    ['"open', 'Unexpected end of input: unterminated string'],
  ])('scans %j', (text, message) => {
    expect(findJsonSyntaxProblem(text)?.message ?? null).toBe(message);
    expect(findJsonSyntaxProblem(text) === null).toBe(parseJson(text).ok);
  });

  it('survives pathological nesting', () => {
    expect(findJsonSyntaxProblem('['.repeat(200_000))).not.toBeNull();
  });
});
