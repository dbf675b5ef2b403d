import { describe, expect, it } from 'vitest';
import {
  checkVariableName,
  defaultMessageName,
  defaultProfileName,
  moveItem,
  matchesSearch,
  normalizeProfile,
  sortProfiles,
  variableValues,
} from '../../../../src/lib/profiles/profile';
import { profile } from '../../fakes/profile';

describe('profiles', () => {
  it('are named after host and path by default', () => {
    expect(defaultProfileName('ws://localhost:8787/echo')).toBe('localhost:8787/echo');
    expect(defaultProfileName('wss://example.com/')).toBe('example.com');
    expect(defaultProfileName('not a url')).toBe('not a url');
    expect(defaultProfileName('  ')).toBe('Untitled');
  });

  it('sort by last use, then name', () => {
    const sorted = sortProfiles([profile('b', 1), profile('a', 1), profile('c', 5)]);
    expect(sorted.map((p) => p.name)).toEqual(['c', 'a', 'b']);
  });

  it('match a search on every word, in any field, ignoring case', () => {
    const feed = profile('Market feed', 0, 'wss://prices.example/stream');
    expect(matchesSearch(feed, '')).toBe(true);
    expect(matchesSearch(feed, 'MARKET prices')).toBe(true);
    expect(matchesSearch(feed, 'json.v1')).toBe(true);
    expect(matchesSearch(feed, 'market chat')).toBe(false);
  });

  it('give their variables by name, and check names', () => {
    expect(
      variableValues([
        { name: 'token', value: 't', secret: true },
        { name: ' ', value: 'ignored', secret: false },
        { name: 'host', value: 'h', secret: false },
      ]),
    ).toEqual({ token: 't', host: 'h' });
    const values = variableValues([
      { name: 'token', value: 'first', secret: false },
      { name: 'token', value: 'second', secret: false },
    ]);
    expect(values.token).toBe('first');
    // No prototype: an inherited name is not a variable.
    expect(Object.hasOwn(values, 'constructor')).toBe(false);
    expect(values.constructor).toBeUndefined();
    expect(checkVariableName('api.key-2')).toBeNull();
    expect(checkVariableName('2fa')).toMatch(/cannot be a variable name/);
    expect(checkVariableName('a b')).toMatch(/cannot be a variable name/);
  });

  it('stored before variables, messages, notes and reconnecting existed get the defaults', () => {
    const { variables, messages, notes, reconnect, ...old } = profile('old', 0);
    expect([variables, messages, notes, reconnect]).toEqual([[], [], '', false]);
    expect(normalizeProfile(old)).toMatchObject({ variables: [], messages: [], notes: '', reconnect: false });
  });

  it('name saved messages after their first line, and move them within their list', () => {
    expect(defaultMessageName('  {"op":"subscribe"}\nmore')).toBe('{"op":"subscribe"}');
    expect(defaultMessageName('x'.repeat(50))).toBe(`${'x'.repeat(39)}…`);
    expect(defaultMessageName('')).toBe('Empty message');
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });
});
