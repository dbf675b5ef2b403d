import { describe, expect, it } from 'vitest';
import {
  clampPane,
  DEFAULT_PANE_SIZES,
  storedPaneSizes,
  storePaneSizes,
} from '../../../../src/lib/display/pane-sizes';
import { memoryStorage } from '../../fakes/memory-storage';

describe('pane sizes', () => {
  it('keeps every pane within its limits', () => {
    expect(clampPane('sidebar', 10)).toBe(160);
    expect(clampPane('sidebar', 5000)).toBe(640);
    expect(clampPane('composer', 123.6)).toBe(124);
  });

  it('round-trips what was stored, and starts from the layout when nothing was', () => {
    const storage = memoryStorage();
    expect(storedPaneSizes(storage)).toEqual(DEFAULT_PANE_SIZES);
    storePaneSizes(storage, { sidebar: 300, details: null, composer: 200 });
    expect(storedPaneSizes(storage)).toEqual({ sidebar: 300, details: null, composer: 200 });
  });

  it('ignores stored junk and clamps stored sizes a smaller window could not hold', () => {
    const storage = memoryStorage();
    storage.setItem('wsi.panes', '{not json');
    expect(storedPaneSizes(storage)).toEqual(DEFAULT_PANE_SIZES);
    storage.setItem('wsi.panes', JSON.stringify({ sidebar: 'wide', details: 99999, composer: null }));
    expect(storedPaneSizes(storage)).toEqual({ sidebar: null, details: 1200, composer: null });
  });
});
