/**
 * What main.ts loads beside the first screen's code and waits for before it mounts: one request, outside the
 * first screen's budget (scripts/bundle-budget.js), needed before the first connection or the first tab.
 */
export { TabsState } from './state/tabs.svelte';
export { workerSocketFactory } from './lib/ws/worker-socket';
