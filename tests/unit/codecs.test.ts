import { describe, expect, it } from 'vitest';
import { parseBase64, toBase64 } from '../../src/lib/encoding/base64';
import { hexDumpLine, hexDumpLineCount, parseHex, toHex } from '../../src/lib/encoding/hex';
import { formatJson, parseJson, parseJsonContainer } from '../../src/lib/encoding/json';
import { findJsonSyntaxProblem } from '../../src/lib/encoding/json-syntax';
import { encodeMessage } from '../../src/lib/compose/message';
import { decodeUtf8, utf8Bytes, utf8Length } from '../../src/lib/encoding/utf8';
import { expandVariables, randomUuid } from '../../src/lib/compose/variables';

describe('hex', () => {
  it.each([
    ['de ad be ef', [0xde, 0xad, 0xbe, 0xef]],
    ['DEADBEEF', [0xde, 0xad, 0xbe, 0xef]],
    ['0xde 0xAD', [0xde, 0xad]],
    ['de:ad-be,ef\n00', [0xde, 0xad, 0xbe, 0xef, 0]],
    ['', []],
  ])('parses %j', (input, bytes) => {
    expect(parseHex(input)).toEqual({ ok: true, value: new Uint8Array(bytes) });
  });

  it('says which character is not a hex digit, and where', () => {
    expect(parseHex('de ag')).toEqual({ ok: false, error: '“g” at position 5 is not a hex digit' });
  });

  it('refuses an odd number of digits', () => {
    expect(parseHex('abc')).toMatchObject({ ok: false, error: expect.stringContaining('3 hex digits') });
  });

  it('dumps sixteen bytes a line with offset, a gap after eight, and printable ASCII', () => {
    const bytes = utf8Bytes('Hello, WebSocket\x00\x7f!');
    expect(hexDumpLineCount(bytes.length)).toBe(2);
    expect(hexDumpLine(bytes, 0)).toEqual({
      offset: '00000000',
      hex: '48 65 6c 6c 6f 2c 20 57  65 62 53 6f 63 6b 65 74',
      ascii: 'Hello, WebSocket',
    });
    expect(hexDumpLine(bytes, 1)).toEqual({ offset: '00000010', hex: '00 7f 21', ascii: '..!' });
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('00 0f ff');
  });
});

describe('base64', () => {
  it('round-trips every byte value, and large payloads', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(parseBase64(toBase64(all))).toEqual({ ok: true, value: all });
    const big = new Uint8Array(200_000).map((_, i) => i * 7);
    const parsed = parseBase64(toBase64(big));
    expect(parsed.ok && Buffer.from(parsed.value).equals(Buffer.from(big))).toBe(true);
  });

  it('accepts URL-safe, unpadded and wrapped input', () => {
    expect(parseBase64('-_8')).toEqual({ ok: true, value: new Uint8Array([0xfb, 0xff]) });
    expect(parseBase64('AAEC\n/w==')).toEqual({ ok: true, value: new Uint8Array([0, 1, 2, 255]) });
  });

  it.each(['abc!', 'A', 'ab+_'])('refuses %j with a message', (input) => {
    expect(parseBase64(input)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Not valid base64/),
    });
  });
});

describe('utf8', () => {
  it.each(['', 'ascii', 'é', '€', '😀', 'a\ud800b'])('measures %j like TextEncoder', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('flags invalid UTF-8 and still shows the rest', () => {
    expect(decodeUtf8(new Uint8Array([0x68, 0x69]))).toEqual({ text: 'hi', valid: true });
    expect(decodeUtf8(new Uint8Array([0x68, 0xff, 0x69]))).toEqual({ text: 'h\ufffdi', valid: false });
  });
});

describe('json', () => {
  it('points at the line and column where the text breaks', () => {
    expect(parseJson('{"a": 1,\n "b": }')).toEqual({
      ok: false,
      error: { message: expect.stringContaining('Expected a value'), line: 2, column: 7 },
    });
    expect(parseJson('[1, 2')).toMatchObject({ ok: false, error: { message: /Unexpected end of input/ } });
  });

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

  it('formats and minifies, refusing invalid input', () => {
    expect(formatJson('{"a":[1]}')).toEqual({ ok: true, value: '{\n  "a": [\n    1\n  ]\n}' });
    expect(formatJson('{ "a" : [ 1 ] }', '')).toEqual({ ok: true, value: '{"a":[1]}' });
    expect(formatJson('{')).toMatchObject({ ok: false });
  });

  it('treats only objects and arrays as trees', () => {
    expect(parseJsonContainer(' {"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonContainer('42')).toEqual({ ok: false });
    expect(parseJsonContainer('[oops')).toEqual({ ok: false });
  });
});

describe('encodeMessage', () => {
  it('sends text and JSON as typed, hex and base64 as bytes', () => {
    expect(encodeMessage(' {"a": 1} ', 'json')).toEqual({
      ok: true,
      value: { kind: 'text', text: ' {"a": 1} ' },
    });
    expect(encodeMessage('', 'text')).toEqual({ ok: true, value: { kind: 'text', text: '' } });
    expect(encodeMessage('0102', 'hex')).toEqual({
      ok: true,
      value: { kind: 'binary', bytes: new Uint8Array([1, 2]) },
    });
    expect(encodeMessage('AQI=', 'base64')).toEqual({
      ok: true,
      value: { kind: 'binary', bytes: new Uint8Array([1, 2]) },
    });
  });

  it('refuses invalid JSON with where it fails', () => {
    expect(encodeMessage('{"a":}', 'json')).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid JSON\. Line 1, column 6: Expected a value/),
    });
  });
});

describe('expandVariables', () => {
  const context = {
    values: { token: 's3cret', 'user.id': '42' },
    seq: 7,
    now: () => Date.UTC(2026, 10, 22, 1, 2, 3, 456),
    uuid: () => 'a-uuid',
  };

  it('expands built-ins and named values, with or without spaces inside the braces', () => {
    expect(
      expandVariables(
        '{"t":{{$timestamp}},"at":"{{ $isoTime }}","id":"{{$uuid}}","n":{{$seq}},"u":{{user.id}}}',
        context,
      ),
    ).toEqual({
      ok: true,
      value: '{"t":1795309323456,"at":"2026-11-22T01:02:03.456Z","id":"a-uuid","n":7,"u":42}',
    });
    expect(expandVariables('Bearer {{token}}', context)).toEqual({ ok: true, value: 'Bearer s3cret' });
  });

  it('refuses unknown variables by name instead of sending a hole', () => {
    expect(expandVariables('{{nope}} and {{$nope}} and {{nope}}', context)).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Unknown variable \{\{nope\}\}, \{\{\$nope\}\}\. Built-in ones: \{\{\$timestamp\}\}/,
      ),
    });
  });

  it('leaves braces that are not variables alone', () => {
    expect(expandVariables('{{}} {{ a b }} {x} {{1x}}', context)).toEqual({
      ok: true,
      value: '{{}} {{ a b }} {x} {{1x}}',
    });
  });

  it('makes version 4 UUIDs', () => {
    expect(randomUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
