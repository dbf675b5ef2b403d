import { describe, expect, it } from 'vitest';
import { decodeUtf8, utf8Length, utf8BytesOfLongText } from '../../../../src/lib/encoding/utf8';

describe('utf8', () => {
  it.each(['', 'ascii', 'é', '€', '😀', 'a\ud800b'])('measures %j like TextEncoder', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('flags invalid UTF-8 and still shows the rest', () => {
    expect(decodeUtf8(new Uint8Array([0x68, 0x69]))).toEqual({ text: 'hi', valid: true });
    expect(decodeUtf8(new Uint8Array([0x68, 0xff, 0x69]))).toEqual({ text: 'h\ufffdi', valid: false });
  });
});

describe('utf8BytesOfLongText', () => {
  it('gives the bytes TextEncoder gives, when the text fits the first buffer and when it must grow', () => {
    const texts = [
      '',
      'plain ASCII '.repeat(1000),
      'ü'.repeat(5000),
      `${'a'.repeat(100)}😀${'é'.repeat(40)}`,
      // A lone surrogate becomes U+FFFD, three bytes, as TextEncoder writes it.
      `ab\ud800cd${'🎉'.repeat(300)}`,
    ];
    for (const text of texts) {
      expect(Array.from(utf8BytesOfLongText(text))).toEqual(Array.from(new TextEncoder().encode(text)));
    }
  });
});
