import { describe, expect, it } from 'vitest';
import type { TrustedTypesLike } from '../../../../src/lib/pwa/trusted-urls';
import { createScriptUrlPolicy, SCRIPT_URL_POLICY } from '../../../../src/lib/pwa/trusted-urls';

const BASE = 'https://app.example/?url=ws%3A%2F%2Fx';
const ALLOWED = ['/assets/search-worker-abc.js', '/sw.js'];

/** A stand-in for window.trustedTypes: wraps what the rules return, as the browser's TrustedScriptURL does. */
function fakeTrustedTypes() {
  const created: string[] = [];
  const types: TrustedTypesLike = {
    createPolicy(name, rules) {
      created.push(name);
      return { createScriptURL: (input) => ({ trusted: rules.createScriptURL(input) }) };
    },
  };
  return { types, created };
}

describe('createScriptUrlPolicy', () => {
  it('creates the policy the CSP names and passes the app’s own scripts through it', () => {
    const { types, created } = fakeTrustedTypes();
    const scriptUrl = createScriptUrlPolicy(ALLOWED, BASE, types);
    expect(created).toEqual([SCRIPT_URL_POLICY]);
    expect(scriptUrl('/sw.js')).toEqual({ trusted: '/sw.js' });
    expect(scriptUrl('https://app.example/assets/search-worker-abc.js')).toEqual({
      trusted: 'https://app.example/assets/search-worker-abc.js',
    });
  });

  it.each([
    ['another script of ours', '/assets/other.js'],
    ['the same path on another origin', 'https://evil.example/sw.js'],
    ['a data: URL', 'data:text/javascript,postMessage(1)'],
    ['a blob: URL', 'blob:https://app.example/1234'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a query added to an allowed URL', '/sw.js?x=1'],
  ])('refuses %s', (_, url) => {
    const { types } = fakeTrustedTypes();
    expect(() => createScriptUrlPolicy(ALLOWED, BASE, types)(url)).toThrow(/Not one of the app's scripts/);
  });

  it('checks the same URLs where the browser has no Trusted Types, and hands back the string', () => {
    const scriptUrl = createScriptUrlPolicy(ALLOWED, BASE, undefined);
    expect(scriptUrl('/sw.js')).toBe('/sw.js');
    expect(() => scriptUrl('/evil.js')).toThrow(TypeError);
  });
});
