import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from '../../../../src/lib/display/size';

describe('formatting', () => {
  it('shows sizes and counts', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MB');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
