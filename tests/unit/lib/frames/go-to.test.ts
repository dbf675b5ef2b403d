import { describe, expect, it } from 'vitest';
import { parseGoTo } from '../../../../src/lib/frames/go-to';

describe('parseGoTo', () => {
  const start = new Date(2026, 10, 22, 23, 59, 0, 500).getTime();

  it('reads frame numbers, times of day, seconds since the start, and dates', () => {
    expect(parseGoTo('#1234', start)).toEqual({ ok: true, value: { seq: 1234 } });
    expect(parseGoTo(' 42 ', start)).toEqual({ ok: true, value: { seq: 42 } });
    expect(parseGoTo('+90s', start)).toEqual({ ok: true, value: { time: start + 90_000 } });
    expect(parseGoTo('23:59:30.25', start)).toEqual({
      ok: true,
      value: { time: new Date(2026, 10, 22, 23, 59, 30, 250).getTime() },
    });
    // Past midnight: the next day.
    expect(parseGoTo('00:00:10', start)).toEqual({
      ok: true,
      value: { time: new Date(2026, 10, 23, 0, 0, 10).getTime() },
    });
    expect(parseGoTo('2026-11-22T04:00:00Z', start)).toEqual({
      ok: true,
      value: { time: Date.UTC(2026, 10, 22, 4) },
    });
  });

  it('explains what it cannot read', () => {
    expect(parseGoTo('soon', start)).toMatchObject({ ok: false, error: /frame number/ });
    expect(parseGoTo('25:00', start)).toMatchObject({ ok: false, error: /not a time of day/ });
  });
});
