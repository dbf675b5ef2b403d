import { describe, expect, it } from 'vitest';
import { SANDBOX_PATHS, sandboxUrl } from '../../../../src/lib/ws/sandbox-paths';

describe('sandboxUrl', () => {
  it("puts the path on the server the bar's URL names, whatever path and query it had", () => {
    expect(sandboxUrl('ws://127.0.0.1:40123/echo', '/drop', 'ws://localhost:8787/echo')).toBe(
      'ws://127.0.0.1:40123/drop',
    );
    expect(
      sandboxUrl('  wss://sandbox.example/chat?name=bob#x ', '/binary', 'ws://localhost:8787/echo'),
    ).toBe('wss://sandbox.example/binary');
  });

  it('falls back to the default server when the bar holds no ws:// URL', () => {
    expect(sandboxUrl('', '/echo', 'ws://localhost:8787/echo')).toBe('ws://localhost:8787/echo');
    expect(sandboxUrl('http://example.com/', '/echo', 'ws://localhost:8787/echo')).toBe(
      'ws://localhost:8787/echo',
    );
  });

  it('offers every route the review named, each with a path of the sandbox', () => {
    expect(SANDBOX_PATHS.map(({ path }) => path.split('?')[0])).toEqual([
      '/echo',
      '/chat',
      '/stream',
      '/binary',
      '/close',
      '/drop',
    ]);
  });
});
