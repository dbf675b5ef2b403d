import { describe, expect, it } from 'vitest';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { bucketSecondsFor, LatencyMatcher, TrafficCounter } from '../../../../src/lib/search/timeline';

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
