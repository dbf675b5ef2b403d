import { describe, expect, it } from 'vitest';
import { parseSubprotocols } from '../../../../src/lib/ws/subprotocols';

describe('parseSubprotocols', () => {
  it('keeps the order of preference and drops empty entries', () => {
    expect(parseSubprotocols(' json.v1, chat.v1 ,,')).toEqual({ ok: true, value: ['json.v1', 'chat.v1'] });
    expect(parseSubprotocols('')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['a b', '“a b” is not a valid subprotocol'],
    ['x/y', '“x/y” is not a valid subprotocol'],
    ['é', '“é” is not a valid subprotocol'],
    ['a, a', '“a” is listed twice.'],
  ])('refuses %j', (input, message) => {
    expect(parseSubprotocols(input)).toMatchObject({ ok: false, error: expect.stringContaining(message) });
  });
});
