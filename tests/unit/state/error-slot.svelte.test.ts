import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { ErrorSlot } from '../../../src/state/error-slot.svelte';

describe('ErrorSlot', () => {
  it('shows the last failure to whoever reads it, and clears it when an action succeeds', async () => {
    const slot = new ErrorSlot();
    const seen: (string | null)[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(slot.message);
      });
    });
    flushSync();
    await slot.attempt('Saving the session', () => Promise.reject(new Error('The disk is full.')));
    flushSync();
    expect(await slot.attempt('Saving the session', () => Promise.resolve())).toBe(true);
    flushSync();
    stop();
    expect(seen).toEqual([null, 'Saving the session: The disk is full.', null]);
  });
});
