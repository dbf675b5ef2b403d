import { describe, expect, it } from 'vitest';
import { fieldHolds, parseFieldCondition, readJsonPath } from '../../../../src/lib/search/field-condition';
import type { FieldCondition } from '../../../../src/lib/search/field-condition';

function condition(text: string): FieldCondition {
  const parsed = parseFieldCondition(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('field conditions', () => {
  it('reads a path, an operator and a typed value', () => {
    expect(parseFieldCondition('user.name ~ ann')).toEqual({
      path: ['user', 'name'],
      operator: '~',
      value: 'ann',
      raw: 'ann',
    });
    expect(condition('a == "7"').value).toBe('7');
    expect(condition('a = 7').value).toBe(7);
    expect(condition('a != null').value).toBeNull();
    expect(parseFieldCondition('price > cheap')).toBe('Expected a number after “>”, got “cheap”.');
    // The review's case: a doubled operator reads the second > as the start of the value.
    expect(parseFieldCondition('price >> 104')).toBe('Expected a number after “>”, got “> 104”.');
    expect(parseFieldCondition('just words')).toMatch(/not a field condition/);
  });

  it('walks own keys and array indexes only', () => {
    const value = { data: { items: [{ price: 3 }] } };
    expect(readJsonPath(value, ['data', 'items', '0', 'price'])).toBe(3);
    expect(readJsonPath(value, ['data', 'items', 'length'])).toBe(1);
    expect(readJsonPath(value, ['data', 'constructor'])).toBeUndefined();
    expect(readJsonPath('text', ['length'])).toBeUndefined();
  });

  it('compares as the operators say, and an absent field never holds', () => {
    const fields = { type: 'trade', price: 101, id: 12345678901234567890n };
    expect(fieldHolds(fields, condition('type = trade'))).toBe(true);
    expect(fieldHolds(fields, condition('price = 101'))).toBe(true);
    expect(fieldHolds(fields, condition('price >= 101'))).toBe(true);
    expect(fieldHolds(fields, condition('price < 101'))).toBe(false);
    expect(fieldHolds(fields, condition('type ~ rad'))).toBe(true);
    expect(fieldHolds(fields, condition('missing != 1'))).toBe(false);
    expect(fieldHolds(fields, condition('id = 12345678901234567890'))).toBe(true);
    expect(fieldHolds(fields, condition('id = 12345678901234567000'))).toBe(false);
    expect(fieldHolds(fields, condition('id > 1'))).toBe(true);
  });
});
