import { expect, it } from 'vitest';
import { folderNames, groupByFolder } from '../../../../src/lib/profiles/folders';
import type { Profile } from '../../../../src/lib/profiles/profile';
import { matchesSearch, normalizeProfile } from '../../../../src/lib/profiles/profile';

const profile = (name: string, folder?: string): Profile =>
  normalizeProfile({
    id: name,
    name,
    url: `ws://${name}.test/`,
    protocols: '',
    binaryType: 'arraybuffer',
    createdAt: 0,
    lastUsedAt: 0,
    ...(folder === undefined ? {} : { folder }),
  });

it('groups by folder, folders by name and those in none last, keeping the order within a group', () => {
  const groups = groupByFolder([
    profile('a'),
    profile('b', 'team'),
    profile('c', 'Api'),
    profile('d', 'team '),
    profile('e', ''),
  ]);
  expect(groups.map((g) => [g.folder, g.profiles.map((p) => p.name)])).toEqual([
    ['Api', ['c']],
    ['team', ['b', 'd']],
    ['', ['a', 'e']],
  ]);
});

it('names each folder in use once', () => {
  expect(folderNames([profile('a', 'x'), profile('b', ' x'), profile('c'), profile('d', 'a')])).toEqual([
    'a',
    'x',
  ]);
});

it('finds a profile by its folder', () => {
  expect(matchesSearch(profile('feed', 'Payments'), 'payments')).toBe(true);
  expect(matchesSearch(profile('feed'), 'payments')).toBe(false);
});
