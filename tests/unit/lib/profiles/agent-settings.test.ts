import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src/lib/profiles/profile';
import { exportProfiles } from '../../../../src/lib/profiles/profile-export';
import { importProfiles } from '../../../../src/lib/profiles/profile-import';

const KEY = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0IGtleQ==\n-----END PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n';

const throughAgent: Profile = {
  id: 'p1',
  name: 'Private feed',
  url: 'wss://private.example/feed',
  protocols: '',
  binaryType: 'arraybuffer',
  createdAt: 1,
  lastUsedAt: 2,
  variables: [{ name: 'token', value: 'vault-value', secret: true }],
  messages: [],
  notes: '',
  reconnect: false,
  throughAgent: true,
  headers: [
    'Authorization: Bearer {{token}}',
    'Cookie: session=literal-cookie',
    'X-Api-Token: literal-token',
    'X-Trace: vault-value',
    'Origin: https://app.example',
  ].join('\n'),
  tls: { ca: CERT, insecureHost: 'dev.local', cert: CERT, key: KEY },
  pingEverySeconds: 30,
};

function imported(text: string) {
  const result = importProfiles(text);
  if (!result.ok) throw new Error(result.error);
  return result.value.profiles[0];
}

describe('agent fields in profile files', () => {
  it('travel with secrets when asked: the switch, headers, every TLS field and the ping interval', () => {
    const profile = imported(exportProfiles([throughAgent], true));
    expect(profile).toMatchObject({
      throughAgent: true,
      headers: throughAgent.headers,
      tls: throughAgent.tls,
      pingEverySeconds: 30,
    });
  });

  it('without secrets lose the client key and literal credentials in headers, keep {{references}}, and say so', () => {
    const text = exportProfiles([throughAgent], false);
    for (const secret of ['c2VjcmV0IGtleQ', 'literal-cookie', 'literal-token', 'vault-value']) {
      expect(text).not.toContain(secret);
    }
    const profile = imported(text);
    expect(profile?.headers?.split('\n')).toEqual([
      'Authorization: Bearer {{token}}',
      'Cookie: REDACTED',
      'X-Api-Token: REDACTED',
      'X-Trace: REDACTED',
      'Origin: https://app.example',
    ]);
    expect(profile?.tls).toEqual({ ca: CERT, insecureHost: 'dev.local', cert: CERT });
    expect(profile?.throughAgent).toBe(true);
    const whats = (JSON.parse(text) as { redactions: { what: string }[] }).redactions.map((r) => r.what);
    expect(whats).toEqual(
      expect.arrayContaining([
        'the value of header “Cookie”',
        'the value of header “X-Api-Token”',
        'the client key (TLS)',
      ]),
    );
  });

  it('never carry the agent token or URL', () => {
    expect(exportProfiles([throughAgent], true)).not.toMatch(/agent-?(token|url)/i);
  });

  it('read older files without them, and ignore damaged ones', () => {
    const base = { name: 'n', url: 'ws://x/' };
    const old = imported(JSON.stringify({ format: 'wsi-profiles', v: 1, profiles: [base] }));
    expect(old).not.toHaveProperty('throughAgent');
    expect(old).not.toHaveProperty('tls');
    const damaged = imported(
      JSON.stringify({
        format: 'wsi-profiles',
        v: 1,
        profiles: [
          { ...base, throughAgent: 'yes', headers: 5, pingEverySeconds: -1, tls: { ca: 7, key: KEY } },
        ],
      }),
    );
    expect(damaged).not.toHaveProperty('throughAgent');
    expect(damaged).not.toHaveProperty('headers');
    expect(damaged).not.toHaveProperty('pingEverySeconds');
    expect(damaged?.tls).toEqual({ key: KEY });
  });
});
