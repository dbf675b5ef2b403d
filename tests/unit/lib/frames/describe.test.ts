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

  it('starts a decoded frame with its type and key, and says how many more messages it holds', () => {
    const record = { seq: 0, t: 0, kind: 'text', dir: 'in', text: '42["chat","hi"]', size: 15 } as const;
    const message = { type: 'EVENT', key: 'chat', summary: 'EVENT chat ["hi"]', tree: null, fields: {} };
    expect(previewRecord(record, [message])).toBe('EVENT chat ["hi"]');
    expect(previewRecord(record, [message, message, message])).toBe('EVENT chat ["hi"] (+2 more)');
    expect(previewRecord(record, [])).toBe('42["chat","hi"]');
  });

  it('cuts every preview, notes and errors included', () => {
    const long = 'n'.repeat(8_000_000);
    expect(previewRecord({ seq: 0, t: 0, kind: 'note', text: long })).toHaveLength(300);
    expect(previewRecord({ seq: 0, t: 0, kind: 'error', message: long })).toHaveLength(300);
  });
});
