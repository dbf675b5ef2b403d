import { describe, expect, it } from 'vitest';
import { checkWebSocketUrl, isBlockedMixedContent } from '../../../../src/lib/ws/endpoint';

describe('checkWebSocketUrl', () => {
  it('accepts ws and wss URLs and normalizes them', () => {
    expect(checkWebSocketUrl(' ws://localhost:8787/echo ')).toEqual({
      ok: true,
      value: 'ws://localhost:8787/echo',
    });
    expect(checkWebSocketUrl('WSS://Example.com')).toEqual({ ok: true, value: 'wss://example.com/' });
  });

  it.each([
    ['http://host/x', 'ws://host/x'],
    ['https://host/x?y=1', 'wss://host/x?y=1'],
    ['host:80/chat', 'ws://host:80/chat'],
    ['ws://host/#frag', 'ws://host/'],
  ])('offers a fix for %j', (input, fix) => {
    expect(checkWebSocketUrl(input)).toMatchObject({ ok: false, error: { fix } });
  });

  it.each(['', 'ftp://host', 'ws://', 'ws://ho st/', 'ws://[::1/'])('refuses %j with no fix', (input) => {
    const result = checkWebSocketUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fix).toBeUndefined();
  });

  it('knows which ws:// URLs an https page may not open', () => {
    expect(isBlockedMixedContent('ws://example.com/', 'https:')).toBe(true);
    expect(isBlockedMixedContent('ws://localhost:8787/', 'https:')).toBe(false);
    expect(isBlockedMixedContent('ws://127.0.0.1/', 'https:')).toBe(false);
    expect(isBlockedMixedContent('wss://example.com/', 'https:')).toBe(false);
    expect(isBlockedMixedContent('ws://example.com/', 'http:')).toBe(false);
  });
});
