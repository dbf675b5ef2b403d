import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../../src/lib/deep-link';
import { reconnectDelayMs } from '../../src/lib/ws/backoff';
import { checkCloseRequest, describeCloseCode } from '../../src/lib/ws/close-codes';
import { checkWebSocketUrl, isBlockedMixedContent } from '../../src/lib/ws/endpoint';
import { parseSubprotocols } from '../../src/lib/ws/subprotocols';

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

describe('close codes', () => {
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

  it('explains codes, 1006 above all', () => {
    expect(describeCloseCode(1006)).toMatch(
      /DNS failures, refused TCP connections, TLS errors, rejected handshakes/,
    );
    expect(describeCloseCode(1000)).toMatch(/^Normal closure/);
    expect(describeCloseCode(3001)).toMatch(/libraries and frameworks/);
    expect(describeCloseCode(4404)).toMatch(/Private use/);
    expect(describeCloseCode(2000)).toMatch(/Not a code/);
  });
});

describe('parseDeepLink', () => {
  it('reads every parameter of the contract', () => {
    expect(parseDeepLink('?url=ws%3A%2F%2Fh%2Fecho&protocols=a%2Cb&binaryType=blob&connect=1')).toEqual({
      url: 'ws://h/echo',
      protocols: 'a,b',
      binaryType: 'blob',
      connect: true,
      errors: {},
    });
    expect(parseDeepLink('')).toEqual({ connect: false, errors: {} });
  });

  it('reports bad values instead of guessing', () => {
    const link = parseDeepLink('?binaryType=bytes&connect=please');
    expect(link.binaryType).toBeUndefined();
    expect(link.connect).toBe(false);
    expect(link.errors.binaryType).toMatch(/“bytes”/);
    expect(link.errors.connect).toMatch(/connect=please/);
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from one second up to thirty', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(reconnectDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});
