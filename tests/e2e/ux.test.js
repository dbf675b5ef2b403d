// @ts-check
/** The small things a new user trips on (issue 16): install on a first visit, errors, focus, shortcuts, memory. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEnvironment } from './harness.js';

const env = useEnvironment();

test('the Install button appears when Chromium offers installing before the stored data has loaded', async () => {
  const page = await env.open();
  // A stand-in for Chromium's prompt, fired when the page's first script has run to its first await (module
  // scripts run before DOMContentLoaded): the sessions and profiles are still loading then.
  await page.context().addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: async () => void document.documentElement.setAttribute('data-prompted', 'yes'),
        userChoice: Promise.resolve({ outcome: 'accepted' }),
      });
      dispatchEvent(offer);
      document.documentElement.setAttribute('data-offer-taken', String(offer.defaultPrevented));
    });
  });
  await page.reload();
  // The app took the offer (no mini-infobar) and shows its own button.
  assert.equal(await page.locator('html').getAttribute('data-offer-taken'), 'true');
  const install = page.getByRole('button', { name: 'Install', exact: true });
  await install.click();
  await page.locator('html[data-prompted="yes"]').waitFor({ state: 'attached' });
  await install.waitFor({ state: 'detached' });
});
