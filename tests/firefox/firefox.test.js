// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedSession } from '../shared/seed-bundle.js';
import { useFirefox, waitForMessageCount, waitForRow } from './harness.js';

const env = useFirefox();

test('Firefox: the app connects, records into IndexedDB and keeps it across a reload, under the CSP', async () => {
  const page = await env.open(`?${new URLSearchParams({ url: `${env.wsUrl}/echo`, connect: '1' })}`);
  await page.waitForFunction(() =>
    /open/.test(document.querySelector('[aria-label="Connection state"]')?.textContent ?? ''),
  );
  await page.locator('textarea#message').fill('hello from firefox');
  await page
    .locator('button::-p-text(Send)')
    .filter((button) => button.textContent?.trim() === 'Send')
    .click();
  await waitForMessageCount(page, 2);
  assert.ok(await page.$('meta[http-equiv="Content-Security-Policy"]'), 'the built page carries its policy');

  await page.locator('button::-p-text(Disconnect)').click();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[aria-labelledby="sessions-heading"] li')].some((li) =>
      /closed/.test(li.textContent ?? ''),
    ),
  );
  await page.goto(env.appUrl);
  await page.locator('[aria-labelledby="sessions-heading"] li button').click();
  await waitForMessageCount(page, 2);
  await waitForRow(page, 3, 'hello from firefox');

  // A share link is the session exported by the export workers, which read it from IndexedDB themselves.
  await page.locator('button[aria-controls="export-menu"]').click();
  await page.locator('button::-p-text(Copy share link)').click();
  const outcome = await page.waitForFunction(() => {
    const shown = [...document.querySelectorAll('[aria-label="Export and share"] p')].map(
      (p) => p.textContent ?? '',
    );
    return shown.find((text) => /Share link copied|failed/.test(text));
  });
  assert.match(String(await outcome.jsonValue()), /Share link copied/);
});

test('Firefox: a million-frame session reaches its last row past the height cap, and filters in a worker', async () => {
  const page = await env.open();
  await seedSession(/** @type {any} */ (page), 1_000_000);
  await page.goto(env.appUrl);
  await page.locator('[aria-labelledby="sessions-heading"] li button').click();
  await waitForMessageCount(page, 1_000_000, 30_000);
  await waitForRow(page, 999_999, '"seq":999999,');
  const grid = await page.$('[role="grid"]');
  assert.ok(grid);
  // Firefox caps element heights near 17.9M px: the scroll area stays under it.
  const height = await grid.evaluate((node) => node.scrollHeight);
  assert.ok(height <= 8_000_100, `scroll height ${height}`);
  await grid.focus();
  await page.keyboard.press('Home');
  await waitForRow(page, 0, '"seq":0,');

  await page.locator('input[aria-label="Filter"]').fill('trade');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () =>
      document.querySelector('[aria-label="Filter result"]')?.textContent?.startsWith('500,000 of 1,000,000'),
    { timeout: 60_000 },
  );
});
