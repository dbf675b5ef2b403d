import { describe, expect, it } from 'vitest';
import { checkCloseRequest } from '../../../../src/lib/ws/close-request';

describe('close requests', () => {
  it('allows 1000 and 3000–4999, and reasons up to 123 UTF-8 bytes', () => {
    expect(checkCloseRequest('1000', '')).toEqual({ ok: true, value: { code: 1000, reason: '' } });
    expect(checkCloseRequest(' 4999 ', 'x'.repeat(123))).toMatchObject({ ok: true });
    expect(checkCloseRequest('3000', 'é'.repeat(61))).toMatchObject({ ok: true });
  });

  it.each([
    ['1001', ''],
    ['2999', ''],
    ['5000', ''],
    ['abc', ''],
    ['', ''],
    ['1000', 'é'.repeat(62)],
  ])('refuses code %j with reason %j', (code, reason) => {
    expect(checkCloseRequest(code, reason).ok).toBe(false);
  });
});
