import { describe, expect, it } from 'vitest';
import { readStoredJson, writeStoredJson } from '../../../../src/lib/display/stored-json';

const refusing = {
  getItem: (): string | null => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

describe('stored JSON', () => {
  it('round-trips a value', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
    expect(readStoredJson(storage, 'k')).toBeNull();
    writeStoredJson(storage, 'k', { a: [1, 'two'] });
    expect(readStoredJson(storage, 'k')).toEqual({ a: [1, 'two'] });
  });

  it('answers null for text that is not JSON, and survives storage that refuses', () => {
    expect(readStoredJson({ getItem: () => '{not json' }, 'k')).toBeNull();
    expect(readStoredJson(refusing, 'k')).toBeNull();
    expect(() => writeStoredJson(refusing, 'k', 1)).not.toThrow();
  });
});
