import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../../../../src/lib/compose/message';

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
