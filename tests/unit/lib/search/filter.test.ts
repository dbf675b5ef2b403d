import { describe, expect, it } from 'vitest';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import type { FilterSpec } from '../../../../src/lib/search/filter';
import { compileFilter, EMPTY_FILTER } from '../../../../src/lib/search/filter';
import { isEmptyFilter } from '../../../../src/lib/search/filter-form';
import { fieldHolds, parseFieldCondition } from '../../../../src/lib/search/field-condition';

const chunk = new ChunkBuilder(0);
const texts = [
  '{"type":"trade","price":101}',
  '{"type":"quote","price":99}',
  'Hello World',
  '{"nested":{"id":7}}',
];
texts.forEach((text, i) =>
  chunk.append({ kind: 'text', dir: i % 2 ? 'in' : 'out', t: 1000 + i, text, size: text.length }),
);
chunk.append({
  kind: 'binary',
  dir: 'in',
  t: 1004,
  bytes: new TextEncoder().encode('binary hello'),
  size: 12,
});
chunk.append({ kind: 'close', t: 1005, code: 4000, reason: 'bye hello', wasClean: true });

function matching(spec: Partial<FilterSpec>): number[] {
  const filter = compileFilter({ ...EMPTY_FILTER, ...spec });
  return Array.from({ length: chunk.count }, (_, i) => i).filter((i) => filter.matches(chunk, i));
}

describe('compileFilter', () => {
  it('scans a chunk range to exactly what matches finds record by record, text alone or not', () => {
    const specs: Partial<FilterSpec>[] = [
      { text: 'hello' },
      { text: 'HELLO', caseSensitive: true },
      { text: 'o W', regex: true },
      { text: 'hello', direction: 'in' },
      { json: 'type = trade' },
      { kind: 'events' },
      {},
    ];
    for (const spec of specs) {
      const filter = compileFilter({ ...EMPTY_FILTER, ...spec });
      for (const start of [0, 2]) {
        // Written after what `out` already holds, from `at`, and nothing past the position returned.
        const out = new Uint32Array(1 + chunk.count).fill(99);
        const end = filter.scan(chunk, start, chunk.count, out, 1);
        expect([...out.subarray(1, end)]).toEqual(matching(spec).filter((seq) => seq >= start));
        expect([out[0], ...out.subarray(end)].every((left) => left === 99)).toBe(true);
      }
    }
  });

  it('matches text case-insensitively unless asked, in messages, binary payloads and events', () => {
    expect(matching({ text: 'hello' })).toEqual([2, 4, 5]);
    expect(matching({ text: 'hello', caseSensitive: true })).toEqual([4, 5]);
  });

  it('takes a regex, and an invalid one as plain text with a warning', () => {
    expect(matching({ text: '"price":1\\d\\d', regex: true })).toEqual([0]);
    const invalid = compileFilter({ ...EMPTY_FILTER, text: 'a(b', regex: true });
    expect(invalid.warnings[0]).toMatch(/Not a valid regular expression/);
  });

  it('filters by direction, kind, size and time', () => {
    expect(matching({ direction: 'in' })).toEqual([1, 3, 4]);
    expect(matching({ kind: 'binary' })).toEqual([4]);
    expect(matching({ kind: 'events' })).toEqual([5]);
    expect(matching({ minSize: 12, maxSize: 12 })).toEqual([4]);
    expect(matching({ fromTime: 1001, toTime: 1002 })).toEqual([1, 2]);
  });

  it('checks JSON field conditions, nested paths included', () => {
    expect(matching({ json: 'type = trade' })).toEqual([0]);
    expect(matching({ json: 'price > 100' })).toEqual([0]);
    expect(matching({ json: 'price <= 99' })).toEqual([1]);
    expect(matching({ json: 'nested.id = 7' })).toEqual([3]);
    expect(matching({ json: 'type != trade' })).toEqual([1]);
    expect(matching({ json: 'type ~ uot' })).toEqual([1]);
  });

  it('skips unparsed only texts that cannot hold the condition, agreeing with parsing every text', () => {
    const tricky = [
      '{"event":"chat"}',
      '{"event":"\\u0063hat"}',
      '{"\\u0065vent":"chat"}',
      '{"event":"chatter"}',
      '{"event":"typing","note":"chat"}',
      '{"event":"ch\\"at"}',
      '{"event":"ch\\u00e9"}',
      '{"event":"ché"}',
      '{"event":"100"}',
      '{"event":1e2}',
      '{"event":100.0}',
      '{"event":1e999}',
      '{"event":true}',
      '{"event":null}',
      'not json chat "event"',
    ];
    const session = new ChunkBuilder(0);
    for (const text of tricky) session.append({ kind: 'text', dir: 'in', t: 0, text, size: text.length });
    const conditions = [
      'event = chat',
      'event ~ hat',
      'event = ché',
      'event ~ é',
      'event = "100"',
      'event = 100',
    ];
    for (const json of [
      ...conditions,
      'event = "Infinity"',
      'event = "true"',
      'event = null',
      'event != chat',
    ]) {
      const parsed = parseFieldCondition(json);
      if (typeof parsed === 'string') throw new Error(parsed);
      const filter = compileFilter({ ...EMPTY_FILTER, json });
      const expected = tricky.map((text) => {
        try {
          return fieldHolds(JSON.parse(text), parsed);
        } catch {
          return false;
        }
      });
      expect(
        tricky.map((_, i) => filter.matches(session, i)),
        json,
      ).toEqual(expected);
    }
  });

  it('explains conditions it cannot read', () => {
    expect(parseFieldCondition('just words')).toMatch(/not a field condition/);
    expect(parseFieldCondition('price > cheap')).toMatch(/^Expected a number after “>”/);
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
  });
});
