import { describe, expect, it } from 'vitest';
import { defineLabel, placesToDefine } from '../../../../src/lib/profiles/define-variable';

describe('placesToDefine', () => {
  it('offers the profile in use, and the active environment beside it', () => {
    const places = placesToDefine({ id: 'p1', name: 'Echo' }, { name: 'dev' });
    expect(places).toEqual([
      { kind: 'profile', id: 'p1', name: 'Echo' },
      { kind: 'environment', name: 'dev' },
    ]);
    expect(places.map((place) => defineLabel('user', place))).toEqual([
      'Define {{user}} in profile “Echo”',
      'Define {{user}} in environment “dev”',
    ]);
  });

  it('offers only a new profile when none is in use: an environment fills in nothing without one', () => {
    const places = placesToDefine(null, { name: 'dev' });
    expect(places).toEqual([{ kind: 'new profile' }]);
    expect(defineLabel('token', { kind: 'new profile' })).toBe('Define {{token}} in a new profile');
  });
});
