import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, offsetToReveal, ScaledScroll } from '../../src/lib/frames/scaled-scroll';
import { directionLabel, previewRecord } from '../../src/lib/frames/describe';
import { payloadAs } from '../../src/lib/frames/payload';
import { formatBytes, formatCount } from '../../src/lib/format/size';
import { formatDuration, formatRelative } from '../../src/lib/format/time';

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
