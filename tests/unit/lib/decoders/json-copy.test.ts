import { describe, expect, it } from 'vitest';
import { withFields } from '../../../../src/lib/decoders/json-copy';

describe('withFields', () => {
  it('copies a parsed object as a spread does, members in the same order, replaced where named again', () => {
    const record = JSON.parse('{"type":"x","a":[1],"b":{"c":null}}') as Record<string, unknown>;
    const copy = withFields(record, { kind: 'k', type: 't' });
    expect(Object.entries(copy)).toEqual(Object.entries({ ...record, kind: 'k', type: 't' }));
    expect(record['type']).toBe('x');
  });

  it('keeps a `__proto__` member a member, never the prototype', () => {
    const record = JSON.parse('{"__proto__":{"method":"chat"},"id":1}') as Record<string, unknown>;
    const copy = withFields(record, { type: 'result' });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(Object.keys(copy)).toEqual(['__proto__', 'id', 'type']);
  });
});
