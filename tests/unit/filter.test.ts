import { describe, expect, it } from 'vitest';
import { ChunkBuilder } from '../../src/lib/record/chunk';
import type { FilterSpec } from '../../src/lib/search/filter';
import { compileFilter, EMPTY_FILTER, isEmptyFilter, parseJsonCondition } from '../../src/lib/search/filter';
import { findAll, segments } from '../../src/lib/search/highlight';
import { bucketSecondsFor, LatencyMatcher, TrafficCounter } from '../../src/lib/search/timeline';

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

  it('explains conditions it cannot read', () => {
    expect(parseJsonCondition('just words')).toMatch(/not a field condition/);
    expect(parseJsonCondition('price > cheap')).toMatch(/compares numbers/);
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
  });
});

describe('highlighting', () => {
  it('finds literal matches without overlaps, case-insensitively unless asked', () => {
    expect(findAll('aAaa', 'aa', false)).toEqual([0, 2]);
    expect(findAll('aAaa', 'aa', true)).toEqual([2]);
    expect(findAll('abc', '', false)).toEqual([]);
  });

  it('cuts a text into plain pieces and numbered matches', () => {
    expect(segments('x<b>y<b>', '<b>', [1, 5])).toEqual([
      { text: 'x' },
      { text: '<b>', match: 0 },
      { text: 'y' },
      { text: '<b>', match: 1 },
    ]);
  });
});

describe('timeline', () => {
  it('picks bucket sizes that keep a chart under two thousand points', () => {
    expect(bucketSecondsFor(10_000)).toBe(1);
    expect(bucketSecondsFor(3_600_000)).toBe(2);
    expect(bucketSecondsFor(30 * 86_400_000)).toBe(1800);
  });

  it('adds up messages and bytes per second, each way', () => {
    const counter = new TrafficCounter(1000, 3500);
    const traffic = new ChunkBuilder(0);
    traffic.append({ kind: 'text', dir: 'out', t: 1000, text: 'ab', size: 2 });
    traffic.append({ kind: 'text', dir: 'in', t: 1500, text: 'abc', size: 3 });
    traffic.append({ kind: 'open', t: 1600, protocol: '', extensions: '' });
    traffic.append({ kind: 'binary', dir: 'in', t: 3400, bytes: new Uint8Array(10), size: 10 });
    counter.add(traffic);
    const series = counter.result();
    expect(Array.from(series.times)).toEqual([1, 2, 3]);
    expect(Array.from(series.messagesIn)).toEqual([1, 0, 1]);
    expect(Array.from(series.messagesOut)).toEqual([1, 0, 0]);
    expect(Array.from(series.bytesIn)).toEqual([3, 0, 10]);
  });

  it('pairs requests and responses by a JSON field and gives percentiles', () => {
    const matcher = new LatencyMatcher('req.id');
    const pairs = new ChunkBuilder(0);
    const text = (id: number) => `{"req":{"id":${id}}}`;
    for (let id = 0; id < 10; id++)
      pairs.append({ kind: 'text', dir: 'out', t: id * 100, text: text(id), size: 1 });
    for (let id = 0; id < 9; id++)
      pairs.append({ kind: 'text', dir: 'in', t: id * 100 + id + 1, text: text(id), size: 1 });
    matcher.add(pairs);
    expect(matcher.result()).toEqual({
      field: 'req.id',
      pairs: 9,
      unanswered: 1,
      p50: 5,
      p90: 9,
      p99: 9,
      max: 9,
    });
  });
});
