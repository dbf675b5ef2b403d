import { describe, expect, it } from 'vitest';
import { COLUMN_WIDTHS } from '../../../src/lib/display/column-widths';
import { RememberedSizes } from '../../../src/state/column-widths.svelte';
import { memoryStorage } from '../fakes/memory-storage';

describe('remembered column widths', () => {
  it('applies a resize at once, clamped, and writes it down only when asked', () => {
    const storage = memoryStorage();
    const widths = new RememberedSizes(storage, COLUMN_WIDTHS);
    expect(widths.sizes.time).toBeNull();
    widths.resize('time', 10_000);
    expect(widths.sizes.time).toBe(260);
    expect(storage.items.size).toBe(0);
    widths.remember();
    expect(new RememberedSizes(storage, COLUMN_WIDTHS).sizes).toEqual({
      seq: null,
      time: 260,
      direction: null,
      kind: null,
      size: null,
    });
  });
});
