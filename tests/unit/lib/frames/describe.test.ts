import { describe, expect, it } from 'vitest';
import { directionLabel, previewRecord } from '../../../../src/lib/frames/describe';

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
});
