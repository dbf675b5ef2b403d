import { describe, expect, it } from 'vitest';
import { formatAxisTime, formatDuration, formatRelative } from '../../../../src/lib/display/time';

describe('formatting', () => {
  it('shows durations at a glance', () => {
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(42_400)).toBe('42s');
    expect(formatDuration(187_000)).toBe('3m 7s');
    expect(formatDuration(8_100_000)).toBe('2h 15m');
  });

  it('shows relative times with milliseconds', () => {
    expect(formatRelative(1000, 1000)).toBe('+0.000');
    expect(formatRelative(13_345.5, 1000)).toBe('+12.345');
    expect(formatRelative(1000 + 62_003, 1000)).toBe('+1:02.003');
    expect(formatRelative(1000 + 3_723_456, 1000)).toBe('+1:02:03.456');
  });
});

describe('formatAxisTime', () => {
  const at = new Date(2026, 10, 30, 14, 3, 27, 418).getTime();
  it('gives 24-hour local time to the second for ticks a second or more apart', () => {
    expect(formatAxisTime(at, 1000)).toBe('14:03:27');
  });
  it('adds milliseconds when the ticks are closer than a second', () => {
    expect(formatAxisTime(at, 250)).toBe('14:03:27.418');
  });
});
