import { describe, expect, it } from 'vitest';
import { describeCloseFrame, describeWire } from '../../../../src/lib/frames/wire';

describe('describeWire', () => {
  it('names the opcode and compression the agent saw, and nothing for a direct connection', () => {
    const base = { seq: 0, t: 0, dir: 'in' as const, size: 1 };
    expect(describeWire({ ...base, kind: 'text', text: 'x', compressed: true })).toBe(
      'opcode 0x1 (text), compressed (permessage-deflate)',
    );
    expect(describeWire({ ...base, kind: 'binary', bytes: new Uint8Array(1), compressed: false })).toBe(
      'opcode 0x2 (binary), not compressed',
    );
    expect(describeWire({ ...base, kind: 'text', text: 'x' })).toBeNull();
  });
});

describe('describeCloseFrame', () => {
  it('shows the bytes as sent and what they hold', () => {
    expect(describeCloseFrame('0fa0627965')).toBe('0f a0 62 79 65 (code 4000, 3 reason bytes “bye”)');
    expect(describeCloseFrame('03e8')).toBe('03 e8 (code 1000, 0 reason bytes)');
    expect(describeCloseFrame('')).toBe('empty (no status code)');
    expect(describeCloseFrame('03e8ff')).toBe('03 e8 ff (code 1000, 1 reason bytes “\uFFFD”)');
  });
});
