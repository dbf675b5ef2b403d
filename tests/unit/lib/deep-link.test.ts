import { describe, expect, it } from 'vitest';
import { parseDeepLink, withoutDeepLink } from '../../../src/lib/deep-link';

describe('parseDeepLink', () => {
  it('reads every parameter of the contract', () => {
    expect(parseDeepLink('?url=ws%3A%2F%2Fh%2Fecho&protocols=a%2Cb&binaryType=blob&connect=1')).toEqual({
      url: 'ws://h/echo',
      protocols: 'a,b',
      binaryType: 'blob',
      connect: true,
      errors: {},
    });
    expect(parseDeepLink('')).toEqual({ connect: false, errors: {} });
  });

  it('reports bad values instead of guessing', () => {
    const link = parseDeepLink('?binaryType=bytes&connect=please');
    expect(link.binaryType).toBeUndefined();
    expect(link.connect).toBe(false);
    expect(link.errors.binaryType).toMatch(/“bytes”/);
    expect(link.errors.connect).toMatch(/connect=please/);
  });
});

describe('withoutDeepLink', () => {
  it('takes out the link’s parameters and keeps any other', () => {
    expect(withoutDeepLink('?url=ws%3A%2F%2Fh%2F&protocols=a&binaryType=blob&connect=1')).toBe('');
    expect(withoutDeepLink('?utm=x&url=ws%3A%2F%2Fh%2F&connect=1')).toBe('?utm=x');
    expect(withoutDeepLink('')).toBe('');
  });
});
