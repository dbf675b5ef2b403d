import { describe, expect, it } from 'vitest';
import { hostAndPath } from '../../../../src/lib/display/url-name';

describe('hostAndPath', () => {
  it('names a URL by its host and path, leaving out the scheme, the query and a lone slash', () => {
    expect(hostAndPath('ws://localhost:8787/echo?token=x')).toBe('localhost:8787/echo');
    expect(hostAndPath('wss://example.com/')).toBe('example.com');
  });

  it('leaves the port out when asked, and gives null for what does not parse', () => {
    expect(hostAndPath('ws://127.0.0.1:40123/echo', { port: false })).toBe('127.0.0.1/echo');
    expect(hostAndPath('not a url')).toBeNull();
  });
});
