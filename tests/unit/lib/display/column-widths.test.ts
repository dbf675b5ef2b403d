import { describe, expect, it } from 'vitest';
import {
  COLUMN_LIMITS,
  COLUMN_WIDTHS,
  DATA_MIN_WIDTH,
  fitColumn,
} from '../../../../src/lib/display/column-widths';
import { memoryStorage } from '../../fakes/memory-storage';

describe('column widths', () => {
  it('starts from the layout, and round-trips what was dragged', () => {
    const storage = memoryStorage();
    const none = { seq: null, time: null, direction: null, kind: null, size: null };
    expect(COLUMN_WIDTHS.read(storage)).toEqual(none);
    COLUMN_WIDTHS.write(storage, { ...none, time: 130 });
    expect(COLUMN_WIDTHS.read(storage)).toEqual({ ...none, time: 130 });
  });

  it('drops junk and clamps what is out of range', () => {
    const storage = memoryStorage();
    storage.setItem('wsi.frame-columns', JSON.stringify({ seq: 'wide', time: 5, size: 1e9, data: 400 }));
    expect(COLUMN_WIDTHS.read(storage)).toEqual({
      seq: null,
      time: COLUMN_LIMITS.time.min,
      direction: null,
      kind: null,
      size: COLUMN_LIMITS.size.max,
    });
  });

  it('widens a column only as far as Data keeps its minimum, and always lets it shrink', () => {
    // Time at 100 px beside 130 px of Data: 50 px to give, so 150 px at most.
    expect(fitColumn('time', 400, 100, 130)).toBe(100 + 130 - DATA_MIN_WIDTH);
    expect(fitColumn('time', 120, 100, 130)).toBe(120);
    // Data already squeezed: no wider, but narrower is fine, down to the column's own minimum.
    expect(fitColumn('time', 110, 100, 40)).toBe(100);
    expect(fitColumn('time', 70, 100, 40)).toBe(70);
    expect(fitColumn('time', 1, 100, 40)).toBe(COLUMN_LIMITS.time.min);
    // A wide grid: the column's own maximum.
    expect(fitColumn('seq', 1000, 60, 2000)).toBe(COLUMN_LIMITS.seq.max);
  });
});
