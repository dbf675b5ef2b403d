import { describe, expect, it } from 'vitest';
import { parseBase64, toBase64 } from '../../../../src/lib/encoding/base64';

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
