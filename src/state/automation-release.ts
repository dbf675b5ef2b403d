import type { Panel } from './panel.svelte';

/**
 * What stops each panel's automation, registered by automation.svelte.ts when it builds one. Kept apart, in a module
 * of a few lines, so closing a tab (tabs.svelte.ts, on the first screen) need not load the automation to release it.
 */
const releases = new WeakMap<Panel, () => void>();

export function onReleaseAutomation(panel: Panel, release: () => void): void {
  releases.set(panel, release);
}

/** Stops a panel's repeats, auto-replies and their timers, and lets go of them; nothing when it has none. */
export function releaseAutomation(panel: Panel): void {
  const release = releases.get(panel);
  releases.delete(panel);
  release?.();
}
