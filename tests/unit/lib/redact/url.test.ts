import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Findings } from '../../../../src/lib/redact/findings';
import { redactUrl, withoutUserinfo } from '../../../../src/lib/redact/url';

describe('withoutUserinfo', () => {
  it('drops the whole userinfo, however many @ the password holds, and keeps the rest as typed', () => {
    expect(withoutUserinfo('wss://bob:p@ss@host/')).toBe('wss://host/');
    expect(withoutUserinfo('wss://bob:p@ss@host:8443/{{room}}?t={{t}}#x')).toBe(
      'wss://host:8443/{{room}}?t={{t}}#x',
    );
    expect(withoutUserinfo('wss://host/a@b')).toBe('wss://host/a@b');
    expect(withoutUserinfo('wss://{{user}}:{{pass}}@host/')).toBe('wss://{{user}}:{{pass}}@host/');
    expect(withoutUserinfo('not a url')).toBe('not a url');
  });

  it('agrees with the URL standard on where the userinfo ends', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9@:!$&'()*+,;=%._~-]{0,12}$/);
    fc.assert(
      fc.property(part, part, fc.stringMatching(/^[a-z]{1,8}$/), (user, password, host) => {
        const url = `wss://${user}:${password}@${host}.test/path?q=1`;
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          return;
        }
        const stripped = new URL(withoutUserinfo(url));
        expect([stripped.username, stripped.password]).toEqual(['', '']);
        expect(stripped.host).toBe(parsed.host);
        expect(stripped.pathname + stripped.search).toBe('/path?q=1');
      }),
      { numRuns: 300 },
    );
  });
});

describe('redactUrl', () => {
  it('marks userinfo and gives back the decoded password to look for in texts', () => {
    const findings = new Findings();
    const redacted = redactUrl('wss://bob:p%40ssw0rd@host/', findings);
    expect(redacted.url).toBe('wss://REDACTED:REDACTED@host/');
    expect(redacted.secrets).toEqual(expect.arrayContaining(['p%40ssw0rd', 'p@ssw0rd']));
    expect(findings.list).toEqual([{ where: 'url', what: 'the user name and password in the URL' }]);
  });

  it('keeps slugs and UUIDs in paths, and tokens under harmless names only when they are not tokens', () => {
    const url = 'wss://h/rooms/market-data-eu-west-1/123e4567-e89b-12d3-a456-426614174000?page=2&sort=name';
    const findings = new Findings();
    expect(redactUrl(url, findings).url).toBe(url);
    expect(findings.list).toEqual([]);
  });

  it('keeps a code of a few digits, a status, and redacts a longer one, or a pin of any length', () => {
    const kept = new Findings();
    expect(redactUrl('ws://h/close?code=4001&reason=bye&status_code=404', kept).url).toBe(
      'ws://h/close?code=4001&reason=bye&status_code=404',
    );
    expect(kept.list).toEqual([]);
    const findings = new Findings();
    expect(redactUrl('wss://h/cb?code=SplxlOBeZQQYbYS6WxSbIA&pin=1234', findings).url).toBe(
      'wss://h/cb?code=REDACTED&pin=REDACTED',
    );
    expect(findings.list.map((finding) => finding.what)).toEqual([
      'the value of query parameter “code”',
      'the value of query parameter “pin”',
    ]);
  });
});
