import { describe, expect, it } from 'vitest';
import { FrameViewState } from '../../../src/state/frame-view.svelte';

describe('FrameViewState', () => {
  it('stops following the tail when a row is picked, as a person reading it expects', () => {
    const view = new FrameViewState();
    expect(view.followTail).toBe(true);
    view.select(3);
    expect(view.selected).toBe(3);
    expect(view.followTail).toBe(false);
  });

  it('keeps following when the selection is only cleared', () => {
    const view = new FrameViewState();
    view.select(null);
    expect(view.followTail).toBe(true);
  });

  it('follows again from the last row reached with the keyboard, and after a reset', () => {
    const view = new FrameViewState();
    view.select(0);
    view.moveSelection(+1, 2);
    expect(view.followTail).toBe(true);
    view.select(0);
    view.reset();
    expect(view.followTail).toBe(true);
    expect(view.selected).toBeNull();
  });
});
