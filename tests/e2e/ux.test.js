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

test('a failed import is announced as an alert, a successful one as a status', async () => {
  const page = await env.open();
  const importFile = (/** @type {string} */ name, /** @type {string} */ text) =>
    page.getByLabel('Import', { exact: true }).setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(text),
    });
  await importFile('junk.har', '{"log": {"entries": [');
  await page
    .getByRole('alert')
    .filter({ hasText: /is not valid JSON/ })
    .waitFor();
  assert.equal(
    await page
      .getByRole('status')
      .filter({ hasText: /not valid JSON/ })
      .count(),
    0,
  );

  const native = '{"format":"wsi-session","v":1,"session":{"url":"ws://ok.test/"}}\n';
  await importFile('ok.wsi.jsonl', native);
  await page
    .getByRole('status')
    .filter({ hasText: /Imported 1 session/ })
    .waitFor();
  assert.equal(
    await page
      .getByRole('alert')
      .filter({ hasText: /Imported 1 session/ })
      .count(),
    0,
  );

  await page.getByLabel('Import profiles').setInputFiles({
    name: 'x.json',
    mimeType: 'text/plain',
    buffer: Buffer.from('oops'),
  });
  await page
    .getByRole('alert')
    .filter({ hasText: /^Nothing imported: This file is not JSON/ })
    .waitFor();
});
