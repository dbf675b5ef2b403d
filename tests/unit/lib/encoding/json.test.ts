import { describe, expect, it } from 'vitest';
import { formatJson, parseJson, parseJsonContainer } from '../../../../src/lib/encoding/json';

describe('json', () => {
  it('points at the line and column where the text breaks', () => {
    expect(parseJson('{"a": 1,\n "b": }')).toEqual({
      ok: false,
      error: { message: expect.stringContaining('Expected a value'), line: 2, column: 7 },
    });
    expect(parseJson('[1, 2')).toMatchObject({ ok: false, error: { message: /Unexpected end of input/ } });
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
