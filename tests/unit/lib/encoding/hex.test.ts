import { describe, expect, it } from 'vitest';
import { hexDumpLine, hexDumpLineCount, parseHex, toHex } from '../../../../src/lib/encoding/hex';
import { utf8Bytes } from '../../../../src/lib/encoding/utf8';

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

  it('dumps eight bytes a line for a narrow pane, without the middle gap', () => {
    const bytes = utf8Bytes('Hello, WebSocket!');
    expect(hexDumpLineCount(bytes.length, 8)).toBe(3);
    expect(hexDumpLine(bytes, 1, 8)).toEqual({
      offset: '00000008',
      hex: '65 62 53 6f 63 6b 65 74',
      ascii: 'ebSocket',
    });
    expect(hexDumpLine(bytes, 2, 8)).toEqual({ offset: '00000010', hex: '21', ascii: '!' });
  });
});
