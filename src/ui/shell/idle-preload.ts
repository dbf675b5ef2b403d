/**
 * What the first clicks open, loaded while the page is idle after its first paint: a frame's details, a recording's
 * export bar, a stored session's summary, the filter's other fields. Each is the same import() its {#await} makes
 * later, which then finds the module ready, so the click answers at once without the first screen carrying it.
 */
const FIRST_CLICKS: readonly (() => Promise<unknown>)[] = [
  () => import('../frames/FrameDetailsBody.svelte'),
  () => import('../sessions/SessionTransfer.svelte'),
  () => import('../sessions/SessionSummary.svelte'),
  () => import('../frames/MoreFilters.svelte'),
];

/** Browsers without idle callbacks (Safari) wait this long instead: the first paint is done by then. */
const FALLBACK_DELAY_MS = 300;

/** Loads the first clicks' code, and whatever the caller adds (state classes), once the page is idle. */
export function preloadWhenIdle(more: readonly (() => Promise<unknown>)[] = []): void {
  const load = () => {
    for (const part of [...FIRST_CLICKS, ...more]) {
      // Nothing is lost: a part that does not load here is loaded again, and fails visibly, where it is used.
      part().catch((error: unknown) => console.warn('Loading ahead of use failed:', error));
    }
  };
  whenIdle(load);
}

/** Runs `task` once the page is idle after its first paint. */
export function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task);
  else setTimeout(task, FALLBACK_DELAY_MS);
}
