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
