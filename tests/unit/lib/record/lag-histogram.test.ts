import { describe, expect, it } from 'vitest';
import { LagHistogram } from '../../../../src/lib/record/lag-histogram';

describe('LagHistogram', () => {
  it('gives percentiles in whole milliseconds', () => {
    const lag = new LagHistogram();
    expect(lag.percentile(0.5)).toBe(0);
    for (let ms = 1; ms <= 100; ms++) lag.add(ms - 0.5);
    lag.add(50_000);
    expect(lag.count).toBe(101);
    expect(lag.percentile(0.5)).toBe(51);
    expect(lag.percentile(0.99)).toBe(100);
    expect(lag.percentile(1)).toBe(LagHistogram.MAX_MS);
  });
});
