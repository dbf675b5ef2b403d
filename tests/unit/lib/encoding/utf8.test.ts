import { describe, expect, it } from 'vitest';
import { decodeUtf8, utf8Length } from '../../../../src/lib/encoding/utf8';

describe('utf8', () => {
  it.each(['', 'ascii', 'é', '€', '😀', 'a\ud800b'])('measures %j like TextEncoder', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('flags invalid UTF-8 and still shows the rest', () => {
    expect(decodeUtf8(new Uint8Array([0x68, 0x69]))).toEqual({ text: 'hi', valid: true });
    expect(decodeUtf8(new Uint8Array([0x68, 0xff, 0x69]))).toEqual({ text: 'h\ufffdi', valid: false });
  });
});
