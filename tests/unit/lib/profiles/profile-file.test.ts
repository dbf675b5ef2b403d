import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src/lib/profiles/profile';
import { exportProfiles } from '../../../../src/lib/profiles/profile-export';
import { MAX_IMPORTED_PROFILES } from '../../../../src/lib/profiles/profile-file';
import { importProfiles } from '../../../../src/lib/profiles/profile-import';
import { parseProfileFragment, profileLink } from '../../../../src/lib/profiles/profile-link';

const feed: Profile = {
  id: 'p1',
  name: 'Market feed',
  url: 'wss://prices.example/stream?token={{token}}',
  protocols: 'json.v1',
  binaryType: 'blob',
  createdAt: 1,
  lastUsedAt: 2,
  variables: [
    { name: 'token', value: 's3cret', secret: true },
    { name: 'region', value: 'eu', secret: false },
  ],
  messages: [{ id: 'm1', name: 'subscribe', format: 'json', body: '{"op":"sub"}', sendOnOpen: true }],
  notes: 'EU prices; token from the vault',
  reconnect: true,
};

describe('profile files', () => {
  it('leave secret values out by default, naming them, and round-trip everything else', () => {
    const text = exportProfiles([feed], false, new Date(0));
    expect(text).not.toContain('s3cret');
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'wsi-profiles', v: 1, exportedAt: '1970-01-01T00:00:00.000Z' });
    expect(file.redacted).toEqual(['token']);
    const imported = importProfiles(text);
    expect(imported).toEqual({
      ok: true,
      value: {
        source: 'WS Inspector',
        skipped: 0,
        environments: [],
        profiles: [
          {
            name: 'Market feed',
            url: feed.url,
            protocols: 'json.v1',
            binaryType: 'blob',
            variables: [
              { name: 'token', value: '', secret: true },
              { name: 'region', value: 'eu', secret: false },
            ],
            messages: [{ ...feed.messages[0], id: expect.any(String) }],
            notes: feed.notes,
            reconnect: true,
          },
        ],
        droppedVariables: {},
      },
    });
  });

  it('include secrets only when asked', () => {
    expect(exportProfiles([feed], true)).toContain('s3cret');
  });

  it('skip damaged entries and refuse what is not a profiles file', () => {
    const text = JSON.stringify({
      format: 'wsi-profiles',
      v: 1,
      profiles: [{ name: 'ok', url: 'ws://h/' }, { url: 3 }, 'x'],
    });
    expect(importProfiles(text)).toMatchObject({
      ok: true,
      value: { skipped: 2, profiles: [{ name: 'ok' }] },
    });
    expect(importProfiles('not json')).toMatchObject({ ok: false, error: /not JSON/ });
    expect(importProfiles('[]')).toMatchObject({ ok: false });
    expect(importProfiles('{"format":"wsi-profiles","v":2,"profiles":[]}')).toMatchObject({
      ok: false,
      error: /version 2/,
    });
    expect(importProfiles('{"hello":1}')).toMatchObject({ ok: false, error: /Not a WS Inspector/ });
    expect(importProfiles(' '.repeat(6 * 1024 * 1024))).toMatchObject({ ok: false, error: /too large/ });
  });

  it('read Insomnia v4 exports: WebSocket requests become profiles and their payloads saved messages', () => {
    const insomnia = JSON.stringify({
      _type: 'export',
      __export_format: 4,
      resources: [
        { _id: 'wrk_1', _type: 'workspace', name: 'Demo' },
        {
          _id: 'ws-req_1',
          _type: 'websocket_request',
          parentId: 'wrk_1',
          name: 'Echo',
          url: 'wss://echo.example/',
        },
        {
          _id: 'ws-payload_1',
          _type: 'websocket_payload',
          parentId: 'ws-req_1',
          name: 'hello',
          value: '{"a":1}',
          mode: 'application/json',
        },
        {
          _id: 'ws-payload_2',
          _type: 'websocket_payload',
          parentId: 'ws-req_1',
          name: '',
          value: 'plain text',
          mode: 'text/plain',
        },
        { _id: 'req_1', _type: 'request', parentId: 'wrk_1', url: 'https://api.example/' },
        { _id: 'ws-req_2', _type: 'websocket_request', parentId: 'wrk_1', name: 'Broken' },
      ],
    });
    expect(importProfiles(insomnia)).toEqual({
      ok: true,
      value: {
        source: 'Insomnia',
        skipped: 1,
        environments: [],
        profiles: [
          {
            name: 'Echo',
            url: 'wss://echo.example/',
            protocols: '',
            binaryType: 'arraybuffer',
            variables: [],
            messages: [
              { id: expect.any(String), name: 'hello', format: 'json', body: '{"a":1}', sendOnOpen: false },
              {
                id: expect.any(String),
                name: 'plain text',
                format: 'text',
                body: 'plain text',
                sendOnOpen: false,
              },
            ],
            notes: '',
            reconnect: false,
          },
        ],
        droppedVariables: {},
      },
    });
  });

  it('link to a profile without secrets', () => {
    const link = new URL(
      profileLink({ ...feed, url: 'wss://user:hunter2@h/{{x}}' }, 'http://localhost:4173/?old=1#x'),
    );
    expect(link.origin + link.pathname + link.search).toBe('http://localhost:4173/');
    expect(Object.fromEntries(new URLSearchParams(link.hash.slice(1)))).toEqual({
      url: 'wss://h/{{x}}',
      protocols: 'json.v1',
      binaryType: 'blob',
    });
    expect(link.href).not.toContain('hunter2');
  });

  const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZS1hZG1pbiJ9.c2lnbmF0dXJlLXZhbHVlLWhlcmU';
  const leaky: Profile = {
    ...feed,
    url: 'wss://bob:p@ss-w0rd@host/ws/{{room}}?access_token=abc123secret&region={{region}}',
    protocols: `json.v1, base64url.bearer.authorization.k8s.io.${JWT}`,
    variables: [{ name: 'token', value: 'vault-s3cret-77', secret: true }],
    messages: [
      { id: 'm1', name: 'login', format: 'json', body: '{"auth":"vault-s3cret-77"}', sendOnOpen: true },
      { id: 'm2', name: 'ref', format: 'json', body: '{"auth":"{{token}}"}', sendOnOpen: false },
    ],
    notes: `old token ${JWT}; password=hunter2hunter`,
  };
  const leaked = ['p@ss-w0rd', 'ss-w0rd', 'abc123secret', JWT.slice(20), 'vault-s3cret-77', 'hunter2hunter'];

  it('without secrets, redact credentials in URLs, subprotocols, saved messages and notes, keeping {{names}}', () => {
    const text = exportProfiles([leaky], false);
    for (const secret of leaked) expect(text).not.toContain(secret);
    const file = JSON.parse(text);
    const [exported] = file.profiles;
    expect(exported.url).toBe(
      'wss://REDACTED:REDACTED@host/ws/{{room}}?access_token=REDACTED&region={{region}}',
    );
    expect(exported.protocols).toBe('json.v1, base64url.bearer.authorization.k8s.io.REDACTED');
    expect(exported.messages.map((m: { body: string }) => m.body)).toEqual([
      '{"auth":"REDACTED"}',
      '{"auth":"{{token}}"}',
    ]);
    expect(file.redacted).toEqual(['token']);
    const described = JSON.stringify(file.redactions);
    expect(described).toMatch(/user name and password/);
    expect(described).toMatch(/secret variable “token”/);
    for (const secret of leaked) expect(described).not.toContain(secret);
  });

  it('leave out values of variables named like credentials even when not ticked secret', () => {
    const text = exportProfiles(
      [{ ...feed, variables: [{ name: 'apiToken', value: 'plain-view-123', secret: false }] }],
      false,
    );
    expect(text).not.toContain('plain-view-123');
    expect(JSON.parse(text).redacted).toEqual(['apiToken']);
  });

  it('link in the fragment, never the query, without userinfo or literal credentials', () => {
    const link = new URL(profileLink(leaky, 'http://localhost:4173/'));
    expect(link.search).toBe('');
    for (const secret of leaked) expect(decodeURIComponent(link.href)).not.toContain(secret);
    expect(parseProfileFragment(link.hash)).toEqual({
      url: 'wss://host/ws/{{room}}?access_token=REDACTED&region={{region}}',
      protocols: 'json.v1, base64url.bearer.authorization.k8s.io.REDACTED',
      binaryType: 'blob',
    });
    expect(new URL(parseProfileFragment(link.hash)?.url ?? '').password).toBe('');
  });

  it('read back only their own fragments', () => {
    expect(parseProfileFragment('#session=abc')).toBeUndefined();
    expect(parseProfileFragment('')).toBeUndefined();
    expect(parseProfileFragment('#url=ws%3A%2F%2Fh%2F&binaryType=nonsense')).toEqual({
      url: 'ws://h/',
      protocols: '',
      binaryType: 'arraybuffer',
    });
  });

  it('give imported messages ids of their own, and drop unusable or repeated variable names, counted', () => {
    const text = JSON.stringify({
      format: 'wsi-profiles',
      v: 1,
      profiles: [
        {
          name: 'dup',
          url: 'ws://h/',
          messages: [
            { id: 'same', body: 'a' },
            { id: 'same', body: 'b' },
          ],
          variables: [
            { name: '1bad', value: 'x' },
            { name: '1bad', value: 'y' },
            { name: 'token', value: 'first' },
            { name: ' token ', value: 'second' },
            { name: '__proto__', value: 'fine' },
          ],
        },
        { name: 'again', url: 'ws://h/', messages: [{ id: 'same', body: 'c' }] },
      ],
    });
    const imported = importProfiles(text);
    if (!imported.ok) throw new Error(imported.error);
    const ids = imported.value.profiles.flatMap((p) => p.messages.map((m) => m.id));
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain('same');
    expect(imported.value.profiles[0]?.variables).toEqual([
      { name: 'token', value: 'first', secret: false },
      { name: '__proto__', value: 'fine', secret: false },
    ]);
    expect(imported.value.droppedVariables).toEqual({ 'invalid name': 2, 'duplicate name': 1 });
  });

  it('import at most a thousand profiles from one file, counting the rest as skipped', () => {
    const many = Array.from({ length: MAX_IMPORTED_PROFILES + 5 }, (_, i) => ({
      name: `p${i}`,
      url: 'ws://h/',
    }));
    const imported = importProfiles(JSON.stringify({ format: 'wsi-profiles', v: 1, profiles: many }));
    expect(imported).toMatchObject({ ok: true, value: { skipped: 5 } });
    expect(imported.ok && imported.value.profiles.length).toBe(MAX_IMPORTED_PROFILES);
  });
});

describe('profile files and Decode as', () => {
  it('keep the choice through export and import, and leave out one that is no decoder id', () => {
    const chosen = { ...feed, decodeAs: 'socket-io' };
    const imported = importProfiles(exportProfiles([chosen, { ...feed, decodeAs: 'none' }, feed], false));
    expect(imported.ok && imported.value.profiles.map((profile) => profile.decodeAs)).toEqual([
      'socket-io',
      'none',
      undefined,
    ]);
    const file = JSON.parse(exportProfiles([chosen], true));
    for (const odd of [42, '', 'Socket.IO', '<b>x</b>', 'x'.repeat(41)]) {
      file.profiles[0].decodeAs = odd;
      const read = importProfiles(JSON.stringify(file));
      expect(read.ok && read.value.profiles[0], String(odd)).not.toHaveProperty('decodeAs');
    }
  });
});
