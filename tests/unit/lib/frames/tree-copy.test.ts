import { describe, expect, it } from 'vitest';
import { copiedValue, fieldPathText, nodeLabel, treeBase } from '../../../../src/lib/frames/tree-copy';
import { tryParseExactJson } from '../../../../src/lib/encoding/json';
import { fieldHolds, parseFieldCondition, readJsonPath } from '../../../../src/lib/search/field-condition';

describe('fieldPathText', () => {
  it('writes keys and array indexes with dots, as the JSON field filter reads them', () => {
    expect(fieldPathText(['data', 'items', '0', 'name'])).toBe('data.items.0.name');
    expect(fieldPathText(['type'])).toBe('type');
  });

  it('pastes into the filter: the path it writes leads back to the same value', () => {
    const message = { data: { items: [{ name: 'ann', price: 104 }] } };
    const path = fieldPathText(['data', 'items', '0', 'price']) ?? '';
    const condition = parseFieldCondition(`${path} = 104`);
    if (typeof condition === 'string') throw new Error(condition);
    expect(readJsonPath(message, condition.path)).toBe(104);
    expect(fieldHolds(message, condition)).toBe(true);
  });

  it('has no path for the root, nor for a key the filter cannot write', () => {
    expect(fieldPathText([])).toBeNull();
    for (const key of ['a.b', 'two words', 'a=b', 'x>y', 'not!', 'tilde~', '']) {
      expect(fieldPathText(['data', key])).toBeNull();
    }
  });
});

describe('nodeLabel', () => {
  it('names a node by its path, even one the filter cannot write', () => {
    expect(nodeLabel([])).toBe('the whole message');
    expect(nodeLabel(['data', '0'])).toBe('data.0');
    expect(nodeLabel(['data', 'a.b'])).toBe('data › a.b');
  });
});

describe('treeBase', () => {
  it('is empty when the fields are the tree or hold its keys, and `value` when they wrap it', () => {
    const tree = { type: 'trade' };
    expect(treeBase(tree, tree)).toEqual([]);
    expect(treeBase({ ...tree, event: 'x' }, tree)).toEqual([]);
    const list = [1, 2];
    expect(treeBase({ type: 'array', value: list }, list)).toEqual(['value']);
  });
});

describe('copiedValue', () => {
  it('copies a string without its quotes and other leaves as shown', () => {
    expect(copiedValue('say "hi"\n')).toBe('say "hi"\n');
    expect(copiedValue(104.5)).toBe('104.5');
    expect(copiedValue(true)).toBe('true');
    expect(copiedValue(null)).toBe('null');
    expect(copiedValue(12345678901234567890n)).toBe('12345678901234567890');
  });

  it('copies objects and arrays as indented JSON', () => {
    expect(copiedValue({ a: [1, 'x'], b: null })).toBe('{\n  "a": [\n    1,\n    "x"\n  ],\n  "b": null\n}');
    expect(copiedValue([])).toBe('[]');
  });

  it('keeps integers beyond double precision exact, and strings that look like them quoted', () => {
    const parsed = tryParseExactJson(
      '{"id":12345678901234567890,"n":[-98765432109876543210],"s":"12345678901234567890"}',
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(copiedValue(parsed.value)).toBe(
      '{\n  "id": 12345678901234567890,\n  "n": [\n    -98765432109876543210\n  ],\n  "s": "12345678901234567890"\n}',
    );
  });
});
