import { describe, expect, it } from 'vitest';
import { RedactionPlan } from '../../../../src/lib/redact/plan';

/** A JWT as servers issue them: header.payload.signature, each part base64url. */
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const OPAQUE = 'ghp_R4nd0mT0k3nV4lu3Xyz0123456789abcd';

interface Case {
  shape: string;
  url?: string;
  protocols?: string[];
  /** Secrets the session recorded as filled in. */
  recorded?: { name: string; value: string }[];
  /** Secrets of the profiles as they are now. */
  current?: { name: string; value: string }[];
  text?: string;
  /** Must be gone from the URL, the subprotocols and the text. */
  secret: string;
  /** What the redactions list must mention. */
  listed: RegExp;
}

const cases: Case[] = [
  {
    shape: 'camelCase authToken',
    url: `wss://h/ws?authToken=${'a1b2c3'}`,
    secret: 'a1b2c3',
    listed: /authToken/,
  },
  { shape: 'camelCase apiToken', url: 'wss://h/ws?apiToken=zz99zz', secret: 'zz99zz', listed: /apiToken/ },
  {
    shape: 'camelCase accessKey',
    url: 'wss://h/ws?accessKey=AKIA1234',
    secret: 'AKIA1234',
    listed: /accessKey/,
  },
  { shape: 'camelCase userToken', url: 'wss://h/ws?userToken=u-55-x', secret: 'u-55-x', listed: /userToken/ },
  {
    shape: 'X-Amz-Security-Token',
    url: 'wss://h/ws?X-Amz-Security-Token=FwoGZXIvYXdzEJr',
    secret: 'FwoGZXIvYXdzEJr',
    listed: /X-Amz-Security-Token/,
  },
  { shape: 'ticket', url: 'wss://h/ws?ticket=T-4711-x', secret: 'T-4711-x', listed: /ticket/ },
  { shape: 'pass', url: 'wss://h/ws?user=bob&pass=hunter22', secret: 'hunter22', listed: /“pass”/ },
  { shape: 'JWT in the path', url: `wss://h/ws/${JWT}/feed`, secret: JWT.slice(0, 60), listed: /path/ },
  { shape: 'JWT under ?t=', url: `wss://h/ws?t=${JWT}`, secret: JWT.slice(40), listed: /“t”/ },
  { shape: 'JWT in the fragment', url: `wss://h/ws#${JWT}`, secret: JWT.slice(40), listed: /fragment/ },
  {
    shape: 'opaque token under a plain name',
    url: `wss://h/ws?id=${OPAQUE}`,
    secret: OPAQUE,
    listed: /token in query parameter “id”/,
  },
  {
    shape: 'userinfo with @ in the password',
    url: 'wss://bob:p@ss@host/',
    secret: 'p@ss',
    listed: /password/,
  },
  {
    shape: 'token subprotocol',
    url: 'wss://h/',
    protocols: ['base64url.bearer.authorization.k8s.io.c2VjcmV0LXRva2VuLXZhbHVl'],
    secret: 'c2VjcmV0LXRva2VuLXZhbHVl',
    listed: /subprotocol/,
  },
  { shape: 'JWT in a JSON text', text: `{"token":"${JWT}"}`, secret: JWT.slice(40), listed: /JWT/ },
  {
    shape: 'Basic header in a text',
    text: 'Authorization: Basic Ym9iOmh1bnRlcjIy',
    secret: 'Ym9iOmh1bnRlcjIy',
    listed: /Basic/,
  },
  {
    shape: 'Bearer token in a text',
    text: 'GET /me\r\nAuthorization: Bearer 8f1d2c-opaque.value',
    secret: '8f1d2c-opaque.value',
    listed: /Bearer/,
  },
  {
    shape: 'credential-named JSON field in a text',
    text: '{"op":"login","password":"correct horse"}',
    secret: 'correct horse',
    listed: /JSON field/,
  },
  {
    shape: 'credential in a URL quoted in a text',
    text: 'redirected to wss://other.example/ws?sessionToken=77abc77',
    secret: '77abc77',
    listed: /URL in a text/,
  },
  {
    shape: 'secret in a Basic header (base64 of user:password)',
    recorded: [{ name: 'pw', value: 'hunter22' }],
    text: 'auth Ym9iOmh1bnRlcjIy',
    secret: 'Ym9iOmh1bnRlcjIy',
    listed: /“pw”/,
  },
  {
    shape: 'JSON-escaped echo of a secret',
    recorded: [{ name: 'key', value: 'abc/déf-42' }],
    text: '{"echo":"abc\\/d\\u00e9f-42"}',
    secret: 'abc\\/d\\u00e9f-42',
    listed: /“key”/,
  },
  {
    shape: 'percent-encoded secret',
    recorded: [{ name: 'key', value: 'a b&c=d/42' }],
    text: 'GET /x?k=a%20b%26c%3Dd%2F42',
    secret: 'a%20b%26c%3Dd%2F42',
    listed: /“key”/,
  },
  {
    shape: 'base64 of a secret alone',
    recorded: [{ name: 'key', value: 'open-sesame' }],
    text: `{"blob":"${btoa('open-sesame')}"}`,
    secret: btoa('open-sesame').slice(0, 12),
    listed: /“key”/,
  },
  {
    shape: 'url-safe base64 of a secret inside other bytes',
    recorded: [{ name: 'key', value: '>>?secret?<<' }],
    text: btoa('x>>?secret?<<yz').replaceAll('+', '-').replaceAll('/', '_'),
    secret: 'P3NlY3JldD88',
    listed: /“key”/,
  },
  {
    shape: 'secret of a deleted profile, known only to the session',
    recorded: [{ name: 'token', value: 'rotated-away-123' }],
    current: [],
    text: '{"op":"auth","value":"rotated-away-123"}',
    secret: 'rotated-away-123',
    listed: /“token”/,
  },
];

describe('RedactionPlan finds every shape of credential', () => {
  it.each(cases)(
    '$shape',
    ({ url = 'wss://h/', protocols = [], recorded = [], current = [], text = '', secret, listed }) => {
      // The case is only a test if the secret was there to begin with.
      expect([url, ...protocols, text].join('\n')).toContain(secret);
      const plan = RedactionPlan.for(url, protocols, recorded, current);
      const exported = [plan.url, ...plan.protocols, plan.text(text)].join('\n');
      expect(exported).not.toContain(secret);
      expect(exported).toContain('REDACTED');
      expect(plan.isEmpty).toBe(false);
      const described = plan.redactions.map((r) => r.what).join('\n');
      expect(described).toMatch(listed);
      expect(described).not.toContain(secret);
    },
  );
});

describe('RedactionPlan keeps what is not a credential', () => {
  it('leaves ordinary URLs, subprotocols and texts as they were, and says it found nothing', () => {
    const url =
      'wss://market.example/v2/stream/123e4567-e89b-12d3-a456-426614174000?room=lobby&keyboard=1#top';
    const plan = RedactionPlan.for(url, ['graphql-transport-ws'], [], []);
    expect(plan.url).toBe(url);
    expect(plan.protocols).toEqual(['graphql-transport-ws']);
    const texts = [
      '{"type":"subscribe","key":"ArrowUp","code":"NOT_FOUND","session":"morning"}',
      'a basic example of a bearer of bad news',
      'trade 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 filled',
    ];
    for (const text of texts) expect(plan.text(text)).toBe(text);
    expect(plan.isEmpty).toBe(true);
    expect(plan.redactions).toEqual([]);
  });

  it('keeps {{name}} references wherever they stand', () => {
    const url = 'wss://{{user}}:{{pass}}@h/{{room}}?token={{token}}';
    const plan = RedactionPlan.for(url, ['base64url.bearer.authorization.k8s.io.{{jwt}}'], [], []);
    expect(plan.url).toBe(url);
    expect(plan.protocols).toEqual(['base64url.bearer.authorization.k8s.io.{{jwt}}']);
    expect(plan.text('{"password":"{{pw}}"} Bearer {{token}}')).toBe(
      '{"password":"{{pw}}"} Bearer {{token}}',
    );
    expect(plan.isEmpty).toBe(true);
  });

  it('does not hunt two-character secrets in texts', () => {
    const plan = RedactionPlan.for('wss://h/', [], [{ name: 'pin', value: '42' }]);
    expect(plan.text('{"n":42}')).toBe('{"n":42}');
    expect(plan.isEmpty).toBe(true);
  });
});

describe('RedactionPlan says what it found, when it found it', () => {
  it('lists recorded secrets at once, but today’s secrets only once a text held them', () => {
    const plan = RedactionPlan.for(
      'wss://h/',
      [],
      [{ name: 'used', value: 'filled-in-1' }],
      [{ name: 'other', value: 'elsewhere-22' }],
    );
    expect(plan.redactions.map((r) => r.what)).toEqual(['the value of secret variable “used”']);
    expect(plan.text('x elsewhere-22 y')).toBe('x REDACTED y');
    expect(plan.redactions.map((r) => r.what)).toContain('the value of secret variable “other”');
  });

  it('grows the list a writer already holds when a text turns up a credential', () => {
    const plan = RedactionPlan.for('wss://h/', [], []);
    const held = plan.redactions;
    expect(plan.isEmpty).toBe(true);
    plan.text(`{"t":"${JWT}"}`);
    expect(plan.isEmpty).toBe(false);
    expect(held).toEqual([{ where: 'text', what: 'a JWT in a text' }]);
  });

  it('reads the recorded secrets from a session meta', () => {
    const plan = RedactionPlan.forSession(
      { url: 'wss://h/', protocols: [], secrets: [{ name: 'token', value: 'from-the-meta-9' }] },
      [],
    );
    expect(plan.text('from-the-meta-9')).toBe('REDACTED');
  });

  it('redacts nothing when the person includes secrets', () => {
    const plan = RedactionPlan.none(`wss://a:b@h/?token=x&t=${JWT}`, []);
    expect(plan.url).toBe(`wss://a:b@h/?token=x&t=${JWT}`);
    expect(plan.text(JWT)).toBe(JWT);
    expect(plan.isEmpty).toBe(true);
  });
});
