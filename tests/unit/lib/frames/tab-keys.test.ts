import { describe, expect, it } from 'vitest';
import { tabAfterKey } from '../../../../src/lib/frames/tab-keys';

describe('tabAfterKey', () => {
  it('moves to the neighbour with the arrows, wrapping at both ends', () => {
    expect(tabAfterKey('ArrowRight', 0, 3)).toBe(1);
    expect(tabAfterKey('ArrowRight', 2, 3)).toBe(0);
    expect(tabAfterKey('ArrowLeft', 0, 3)).toBe(2);
    expect(tabAfterKey('ArrowLeft', 2, 3)).toBe(1);
  });

  it('goes to the first and last with Home and End, and ignores other keys', () => {
    expect(tabAfterKey('Home', 2, 3)).toBe(0);
    expect(tabAfterKey('End', 0, 3)).toBe(2);
    expect(tabAfterKey('ArrowDown', 0, 3)).toBeUndefined();
    expect(tabAfterKey('ArrowRight', 0, 0)).toBeUndefined();
  });
});
