import { describe, expect, it } from 'vitest';
import { payloadAs } from '../../../../src/lib/frames/payload';

describe('describing records', () => {
  it('copies payloads as text, hex and base64', () => {
    const record = { seq: 0, t: 0, kind: 'text' as const, dir: 'in' as const, text: 'hé', size: 3 };
    expect(payloadAs(record, 'text')).toBe('hé');
    expect(payloadAs(record, 'hex')).toBe('68 c3 a9');
    expect(payloadAs(record, 'base64')).toBe('aMOp');
  });
});
