// @ts-check
/**
 * Opens the app as on any visit after the first: once its service worker is active, so the precaching of the
 * first visit (the whole app fetched and stored, seconds of CPU on this 2-core machine) does not run during
 * what is measured. The bare pages have no service worker; the first visit's cost is measured apart (README).
 * @param {import('playwright-core').Page} page
 * @param {string} url
 */
export async function openInstalledApp(page, url) {
  await page.goto(url);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}
