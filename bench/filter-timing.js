// @ts-check
/**
 * Timing filters in the app as a person runs them: over a seeded stored session, from Enter to the last match
 * counted, read from the time the app shows. Shared by the filter cases of the bench.
 */
import { seedSession, showSeededSession } from '../tests/shared/seed-bundle.js';
import { openInstalledApp } from './app-page.js';

/**
 * Seeds a stored session of `count` frames in a fresh context and opens it.
 * @param {import('playwright-core').Browser} browser
 * @param {string} appUrl
 * @param {number} count
 * @param {string} [protocol] what the frames hold: 'json' or a key of SEEDED_PROTOCOLS (tests/shared/seed-data.js)
 * @param {boolean} [asJson] that protocol's messages written as plain JSON
 */
export async function openSeeded(browser, appUrl, count, protocol = 'json', asJson = false) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await openInstalledApp(page, appUrl);
  await seedSession(page, count, protocol, asJson);
  await showSeededSession(page);
  await page.locator(`[role="row"][aria-rowindex="${count + 1}"]`).waitFor({ timeout: 30_000 });
  return { context, page };
}

/** No filter is running. Read from the status, not the page's innerText, which lays the page out on every poll. */
const FILTER_IDLE = () =>
  ![...document.querySelectorAll('[role="status"]')].some((status) =>
    status.textContent?.startsWith('Filtering…'),
  );

/**
 * The filter's time as the app measures it, from apply (Enter) to the last match counted, shown after the count.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} box the box to press Enter in, already filled
 * @param {number} expected
 */
export async function timeFilter(page, box, expected) {
  // Ticking a box or typing runs the filter too: let that run end before timing this one.
  await page.waitForFunction(FILTER_IDLE);
  await box.press('Enter');
  const shown = await page.waitForFunction(
    (count) => {
      const result = document.querySelector('[aria-label="Filter result"]')?.textContent ?? '';
      const busy = [...document.querySelectorAll('[role="status"]')].some((status) =>
        status.textContent?.startsWith('Filtering…'),
      );
      const done = !busy && result.startsWith(count);
      return done && /\((\d[\d,]*) ms\)/.exec(result)?.[1];
    },
    expected.toLocaleString('en-US'),
    { polling: 'raf', timeout: 60_000 },
  );
  return Number(String(await shown.jsonValue()).replace(/,/g, ''));
}

/**
 * Runs a warm filter three times, alternating between values with the same number of matches, and gives the median
 * time: one run is at the mercy of a busy moment on this machine, and each run is fresh (the box is cleared first,
 * so a figure cannot be the last run's).
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} box
 * @param {string[]} values two values the box takes in turn
 * @param {number} expected
 */
export async function medianWarm(page, box, values, expected) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    await box.fill('');
    await page.waitForFunction(
      (count) => !document.querySelector('[aria-label="Filter result"]')?.textContent?.startsWith(count),
      expected.toLocaleString('en-US'),
    );
    await box.fill(/** @type {string} */ (values[run % values.length]));
    times.push(await timeFilter(page, box, expected));
  }
  return /** @type {number} */ (times.sort((a, b) => a - b)[1]);
}
