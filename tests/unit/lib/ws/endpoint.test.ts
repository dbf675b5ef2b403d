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

  it.each([
    ['ws//localhost:8787/echo', 'ws://localhost:8787/echo', '“ws//” should be “ws://”'],
    ['ws:/localhost:8787/echo', 'ws://localhost:8787/echo', '“ws:/” should be “ws://”'],
    ['ws:localhost/echo', 'ws://localhost/echo', '“ws:” should be “ws://”'],
    ['wss//example.com/feed?x=1', 'wss://example.com/feed?x=1', '“wss//” should be “wss://”'],
    ['WSS:\\\\example.com', 'wss://example.com', '“WSS:\\\\” should be “wss://”'],
    ['ws:/127.0.0.1:1', 'ws://127.0.0.1:1', '“ws:/” should be “ws://”'],
    ['http//host/x', 'ws://host/x', '“http//” should be “ws://”'],
    ['https:/host/x', 'wss://host/x', '“https:/” should be “wss://”'],
  ])('repairs the mistyped scheme of %j instead of adding another', (input, fix, said) => {
    const result = checkWebSocketUrl(input);
    expect(result).toMatchObject({ ok: false, error: { fix } });
    if (!result.ok) expect(result.error.message).toContain(said);
    // The fix is a URL the bar accepts as it is.
    expect(checkWebSocketUrl(fix)).toMatchObject({ ok: true });
  });

  it.each([
    // A host called "ws" with a port, or with a path, is not a mistyped scheme.
    ['ws:8080/echo', 'ws://ws:8080/echo'],
    ['ws/echo', 'ws://ws/echo'],
    ['//host/x', 'ws://host/x'],
  ])('reads %j as a URL without a scheme', (input, fix) => {
    expect(checkWebSocketUrl(input)).toMatchObject({ ok: false, error: { message: /needs a scheme/, fix } });
  });

  it.each(['ws//', 'ws:/ /x', ':://', 'wss//[::1'])('offers no fix that would not parse, for %j', (input) => {
    const result = checkWebSocketUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fix).toBeUndefined();
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
