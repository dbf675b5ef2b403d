import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../../src/lib/profiles/environments';
import type { Profile } from '../../../../src/lib/profiles/profile';
import { exportProfiles } from '../../../../src/lib/profiles/profile-export';
import { importProfiles } from '../../../../src/lib/profiles/profile-import';

const dev: Environment = {
  id: 'e1',
  name: 'dev',
  createdAt: 0,
  variables: [
    { name: 'host', value: '127.0.0.1:8787', secret: false },
    { name: 'key', value: 'dev-s3cret', secret: true },
    { name: 'password', value: 'named-like-one', secret: false },
  ],
};

const profile: Profile = {
  id: 'p1',
  name: 'Feed',
  url: 'ws://{{host}}/feed?key={{key}}',
  protocols: '',
  binaryType: 'arraybuffer',
  folder: 'Payments',
  createdAt: 0,
  lastUsedAt: 0,
  variables: [],
  messages: [{ id: 'm', name: 'login', format: 'text', body: 'login dev-s3cret', sendOnOpen: false }],
  notes: '',
  reconnect: false,
};

function roundTrip(text: string) {
  const imported = importProfiles(text);
  if (!imported.ok) throw new Error(imported.error);
  return imported.value;
}

describe('environments and folders in profile files', () => {
  it('carry environments beside the profiles, secret values redacted everywhere, folders kept', () => {
    const text = exportProfiles([profile], false, new Date(0), [dev]);
    expect(text).not.toContain('dev-s3cret');
    expect(text).not.toContain('named-like-one');
    const file = JSON.parse(text);
    expect(file.redacted).toEqual(['key', 'password']);
    const imported = roundTrip(text);
    expect(imported.environments).toEqual([
      {
        name: 'dev',
        variables: [
          { name: 'host', value: '127.0.0.1:8787', secret: false },
          { name: 'key', value: '', secret: true },
          { name: 'password', value: '', secret: false },
        ],
      },
    ]);
    expect(imported.profiles[0]?.folder).toBe('Payments');
    expect(imported.profiles[0]?.url).toBe('ws://{{host}}/feed?key={{key}}');
    expect(imported.profiles[0]?.messages[0]?.body).not.toContain('dev-s3cret');
  });

  it('keep every value when secrets are asked for', () => {
    const imported = roundTrip(exportProfiles([profile], true, new Date(0), [dev]));
    expect(imported.environments[0]?.variables).toEqual(dev.variables);
    expect(imported.profiles[0]?.messages[0]?.body).toBe('login dev-s3cret');
  });

  it('still import a file from before environments and folders', () => {
    const old = JSON.stringify({
      format: 'wsi-profiles',
      v: 1,
      exportedAt: '2025-01-01T00:00:00.000Z',
      redacted: [],
      redactions: [],
      profiles: [{ name: 'Old', url: 'ws://old.test/', protocols: '', binaryType: 'blob' }],
    });
    const imported = roundTrip(old);
    expect(imported.environments).toEqual([]);
    expect(imported.profiles).toHaveLength(1);
    expect(imported.profiles[0]).not.toHaveProperty('folder');
    expect(JSON.parse(exportProfiles([{ ...profile, folder: undefined }], false))).not.toHaveProperty(
      'environments',
    );
  });

  it('skip damaged environments and repeated names, keeping the first', () => {
    const text = JSON.stringify({
      format: 'wsi-profiles',
      v: 1,
      profiles: [],
      environments: [
        { name: 'dev', variables: [{ name: 'a', value: '1' }] },
        { name: 'DEV', variables: [] },
        { name: '', variables: [] },
        { variables: [] },
        'nonsense',
        { name: ' prod ', variables: [{ name: '2 bad', value: 'x' }], folder: 3 },
      ],
    });
    const imported = roundTrip(text);
    expect(imported.environments).toEqual([
      { name: 'dev', variables: [{ name: 'a', value: '1', secret: false }] },
      { name: 'prod', variables: [] },
    ]);
    expect(imported.droppedVariables).toEqual({ 'invalid name': 1 });
  });
});
