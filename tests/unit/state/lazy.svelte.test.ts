import { describe, expect, it } from 'vitest';
import { LazyState } from '../../../src/state/lazy.svelte';

describe('LazyState', () => {
  it('builds nothing until loaded, then once, however many ask at once', async () => {
    let builds = 0;
    const lazy = new LazyState(() => Promise.resolve({ built: ++builds }));
    expect(lazy.current).toBeUndefined();
    expect(builds).toBe(0);
    const [first, second] = await Promise.all([lazy.load(), lazy.load()]);
    expect(first).toBe(second);
    expect(lazy.current).toBe(first);
    expect(await lazy.load()).toBe(first);
    expect(builds).toBe(1);
  });

  it('tries again after a failed load', async () => {
    let attempts = 0;
    const lazy = new LazyState(() =>
      ++attempts === 1 ? Promise.reject(new Error('offline')) : Promise.resolve('loaded'),
    );
    await expect(lazy.load()).rejects.toThrow('offline');
    expect(lazy.current).toBeUndefined();
    expect(await lazy.load()).toBe('loaded');
    expect(attempts).toBe(2);
  });
});
