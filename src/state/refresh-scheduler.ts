/** Runs a callback when the screen should next show new records. */
export type FrameScheduler = (callback: () => void) => void;

/**
 * New records reach the screen at most ten times a second. Redrawing a firehose at 60 Hz costs this 2-core machine
 * most of its main thread (measured: the app then received 6 times slower than a bare page), and nobody reads
 * rows that fast; scrolling itself is not throttled.
 */
const MIN_REFRESH_MS = 100;
const HIDDEN_TAB_FALLBACK_MS = 250;

/**
 * One refresh clock shared on purpose by every view on the page (main.ts builds one): several views redraw
 * together, at most ten times a second between them, rather than each on its own beat.
 */
export function createRefreshScheduler(): FrameScheduler {
  let lastRefresh = 0;
  // On the next animation frame at least MIN_REFRESH_MS after the last; in a hidden tab, by a timer.
  return (callback) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      lastRefresh = performance.now();
      callback();
    };
    const wait = Math.max(0, lastRefresh + MIN_REFRESH_MS - performance.now());
    setTimeout(() => requestAnimationFrame(once), wait);
    setTimeout(once, wait + HIDDEN_TAB_FALLBACK_MS);
  };
}
