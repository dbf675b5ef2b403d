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

/** Whether the Frame count's last number (see docs/ui-contract.md) is `expected`. @param {number} expected */
export function messageCountIs(expected) {
  const text = document.querySelector('[aria-label="Frame count"]')?.textContent ?? '';
  return Number(((text.match(/\d[\d,]*/g) ?? []).at(-1) ?? '').replace(/,/g, '')) === expected;
}
