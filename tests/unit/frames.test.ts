import { describe, expect, it } from 'vitest';
import { parseGoTo } from '../../src/lib/frames/go-to';
import { RowWindow } from '../../src/lib/frames/row-window';
import { MatchList } from '../../src/lib/search/match-list';
import { MAX_SCROLL_HEIGHT, offsetToReveal, ScaledScroll } from '../../src/lib/frames/scaled-scroll';
import { directionLabel, previewRecord } from '../../src/lib/frames/describe';
import { payloadAs } from '../../src/lib/frames/payload';
import { formatBytes, formatCount } from '../../src/lib/display/size';
import { formatDuration, formatRelative } from '../../src/lib/display/time';

describe('describing records', () => {
  it('names directions and events', () => {
    expect(directionLabel({ seq: 0, t: 0, kind: 'text', dir: 'out', text: '', size: 0 })).toBe('sent');
    expect(directionLabel({ seq: 0, t: 0, kind: 'text', dir: 'in', text: '', size: 0 })).toBe('received');
    expect(directionLabel({ seq: 0, t: 0, kind: 'error', message: '' })).toBe('error');
  });

  it('previews text on one line, cut short, and binary as size and leading bytes', () => {
    const text = previewRecord({
      seq: 0,
      t: 0,
      kind: 'text',
      dir: 'in',
      text: `a\nb\tc${'x'.repeat(1000)}`,
      size: 0,
    });
    expect(text.startsWith('a⏎b⇥c')).toBe(true);
    expect(text.length).toBe(300);
    const bytes = Uint8Array.from({ length: 30 }, (_, i) => i);
    expect(previewRecord({ seq: 0, t: 0, kind: 'binary', dir: 'in', bytes, size: 30 })).toBe(
      `30 B binary: ${Array.from({ length: 24 }, (_, i) => i.toString(16).padStart(2, '0')).join(' ')} …`,
    );
    expect(previewRecord({ seq: 0, t: 0, kind: 'close', code: 1006, reason: '', wasClean: false })).toMatch(
      /^1006 — not clean\. Abnormal closure/,
    );
  });

  it('copies payloads as text, hex and base64', () => {
    const record = { seq: 0, t: 0, kind: 'text' as const, dir: 'in' as const, text: 'hé', size: 3 };
    expect(payloadAs(record, 'text')).toBe('hé');
    expect(payloadAs(record, 'hex')).toBe('68 c3 a9');
    expect(payloadAs(record, 'base64')).toBe('aMOp');
  });
});

describe('formatting', () => {
  it('shows sizes and counts', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MB');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

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

describe('ScaledScroll', () => {
  it('maps a compressed scroll range end to end, and reads back what it set exactly', () => {
    const scale = new ScaledScroll();
    const rows = 1_000_000;
    scale.update(rows * 24, 240);
    expect(scale.physicalTotal).toBe(MAX_SCROLL_HEIGHT);
    expect(scale.toVirtual(0)).toBe(0);
    expect(scale.toVirtual(MAX_SCROLL_HEIGHT - 240)).toBeCloseTo(rows * 24 - 240, 3);
    const physical = scale.toPhysical(12_345_678);
    expect(scale.toVirtual(Math.round(physical))).toBe(12_345_678);
  });

  it('leaves small lists uncompressed', () => {
    const scale = new ScaledScroll();
    scale.update(1000 * 24, 240);
    expect(scale.ratio).toBe(1);
    expect(scale.rowTop(480, 100)).toBe(480);
  });
});

describe('offsetToReveal', () => {
  it('moves the least that brings a row into view', () => {
    expect(offsetToReveal(0, 24, 500, 240)).toBe(0);
    expect(offsetToReveal(24 * 999_999, 24 * 1_000_000, 0, 155)).toBe(24 * 1_000_000 - 155);
    expect(offsetToReveal(600, 624, 500, 240)).toBe(500);
  });
});

describe('RowWindow', () => {
  it('is the whole session while the session is small', () => {
    const window = new RowWindow(100);
    window.setLength(40);
    expect([window.base, window.count]).toEqual([0, 40]);
    expect(window.follow(39)).toBe(false);
  });

  it('moves with the rows on screen, centred, and never past the ends', () => {
    const window = new RowWindow(100);
    window.setLength(10_000_000);
    expect(window.count).toBe(100);
    expect(window.follow(10)).toBe(false);
    expect(window.follow(80)).toBe(true);
    expect(window.base).toBe(30);
    expect(window.follow(9_999_990)).toBe(true);
    expect(window.base).toBe(10_000_000 - 100);
    expect(window.follow(5_000_000)).toBe(true);
    expect(window.base).toBe(4_999_950);
    window.setLength(1000);
    expect(window.base).toBe(900);
  });
});

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

describe('MatchList', () => {
  it('grows as matches arrive and finds the position of any seq', () => {
    const list = new MatchList();
    list.append(Uint32Array.from([2, 4, 6]));
    list.append(Uint32Array.from(Array.from({ length: 2000 }, (_, i) => 10 + i * 3)));
    expect(list.length).toBe(2003);
    expect(list.seqAt(3)).toBe(10);
    expect(list.positionOf(4)).toBe(1);
    expect(list.positionOf(5)).toBe(2);
    expect(list.positionOf(1_000_000)).toBe(2003);
  });
});
