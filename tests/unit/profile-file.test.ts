import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/lib/profiles/profile';
import { exportProfiles, importProfiles, profileLink } from '../../src/lib/profiles/profile-file';

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
            messages: feed.messages,
            notes: feed.notes,
            reconnect: true,
          },
        ],
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
        profiles: [
          {
            name: 'Echo',
            url: 'wss://echo.example/',
            protocols: '',
            binaryType: 'arraybuffer',
            variables: [],
            messages: [
              { id: 'insomnia-0', name: 'hello', format: 'json', body: '{"a":1}', sendOnOpen: false },
              { id: 'insomnia-1', name: 'plain text', format: 'text', body: 'plain text', sendOnOpen: false },
            ],
            notes: '',
            reconnect: false,
          },
        ],
      },
    });
  });

  it('link to a profile without secrets', () => {
    const link = new URL(
      profileLink({ ...feed, url: 'wss://user:hunter2@h/{{x}}' }, 'http://localhost:4173/?old=1#x'),
    );
    expect(link.origin + link.pathname).toBe('http://localhost:4173/');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      url: 'wss://user@h/{{x}}',
      protocols: 'json.v1',
      binaryType: 'blob',
    });
    expect(link.href).not.toContain('hunter2');
  });
});
