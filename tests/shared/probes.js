// @ts-check
/**
 * Functions that run inside the app's page, in either browser: passed to page.evaluate, waitForFunction or an
 * init script, so they must not use anything from this file's scope.
 */

/** Before the app's first script: every Content-Security-Policy violation becomes a console error a suite collects. */
export function reportCspViolations() {
  addEventListener('securitypolicyviolation', (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
  });
}

/**
 * A count the app shows, read in the page: the Frame count's last number is the messages in the session on screen
 * (see docs/ui-contract.md), the Saved records' first number the records saved so far. The one reading of these
 * texts the suites and the bench share: `evaluate(shownCount, {})` reads the Frame count, and
 * `waitForFunction(shownCount, { least, most })` waits until it is in that range (`label: 'Saved records'` for the
 * other). Returns `{ count }` (truthy even for 0), or null while the text holds no number or the count is out of
 * range.
 * @param {{ label?: string, least?: number, most?: number }} query
 * @returns {{ count: number } | null}
 */
export function shownCount({ label = 'Frame count', least = 0, most = Number.MAX_SAFE_INTEGER }) {
  const numbers = document.querySelector(`[aria-label="${label}"]`)?.textContent?.match(/\d[\d,]*/g) ?? [];
  const shown = label === 'Frame count' ? numbers.at(-1) : numbers[0];
  if (shown === undefined) return null;
  const count = Number(shown.replace(/,/g, ''));
  return count >= least && count <= most ? { count } : null;
}

/**
 * The frames toolbar's layout, read in the page: every pair of its controls and texts that overlap (as "a / b"),
 * and the Go to box's and the Timeline button's boxes (null when not laid out). What the layout checks in Chromium
 * (`evaluate(toolbarLayout)`) and WebKit (`execute(\`return (${toolbarLayout})()\`)`) share.
 * @returns {{ overlaps: string[], goTo: Box | null, timeline: Box | null }}
 * @typedef {{ left: number, top: number, right: number, bottom: number }} Box
 */
export function toolbarLayout() {
  const toolbar = document.querySelector('[aria-label="Frames panel"] > div');
  if (!toolbar) return { overlaps: ['no toolbar'], goTo: null, timeline: null };
  const box = (/** @type {Element} */ el) => {
    const { left, top, right, bottom } = el.getBoundingClientRect();
    return { left, top, right, bottom };
  };
  const parts = [...toolbar.querySelectorAll('input, select, button, [role="status"], label')].filter(
    (el) => !el.closest('label') || el.tagName === 'LABEL',
  );
  const name = (/** @type {Element} */ el) =>
    el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20);
  const overlaps = [];
  for (const [i, a] of parts.entries()) {
    for (const b of parts.slice(i + 1)) {
      if (a.contains(b) || b.contains(a)) continue;
      const r = a.getBoundingClientRect();
      const s = b.getBoundingClientRect();
      if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1) {
        overlaps.push(`${name(a)} / ${name(b)}`);
      }
    }
  }
  const goTo = toolbar.querySelector('input[aria-label="Go to"]');
  const timeline = parts.find((el) => el.tagName === 'BUTTON' && el.textContent?.trim() === 'Timeline');
  return { overlaps, goTo: goTo && box(goTo), timeline: timeline ? box(timeline) : null };
}
