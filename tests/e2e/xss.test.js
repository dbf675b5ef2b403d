// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

/** Each payload, if it ever became markup, would set window.__xss. */
const CORPUS = /** @type {const} */ ([
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '<svg onload="window.__xss=1"></svg>',
  '"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '</pre></textarea><img src=x onerror=window.__xss=1>',
  '<a href="javascript:window.__xss=1">click</a>',
  '{{constructor.constructor("window.__xss=1")()}}',
]);

/**
 * Nothing ran, and no element a payload names exists in the app.
 * @param {import('playwright-core').Page} page
 */
async function assertInert(page) {
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__xss), undefined, 'a payload ran');
  const injected = await page.locator('#app img, #app svg, #app iframe, #app script, #app a').count();
  assert.equal(injected, 0, 'a payload became an element');
}

test('payloads sent and received as messages stay text in the grid, the details and the JSON tree', async () => {
  const page = await openConnected(env, '/echo');
  const box = page.getByLabel('Message', { exact: true });
  for (const payload of CORPUS) {
    await box.fill(payload);
    await box.press('Control+Enter');
  }
  await box.fill(JSON.stringify({ [CORPUS[0]]: CORPUS[1], list: CORPUS }));
  await box.press('Control+Enter');
  await waitForMessageCount(page, (CORPUS.length + 1) * 2);

  // The grid follows the tail: go back to the first frames, which only then exist in the DOM.
  await page.getByRole('grid', { name: 'Frames' }).press('Home');
  await rowsOf(page, 'received').filter({ hasText: CORPUS[0] }).first().waitFor();
  for (const index of [0, 1, 3, CORPUS.length]) {
    await rowsOf(page, 'received').nth(index).click();
    await page
      .getByRole('region', { name: 'Frame details' })
      .getByText(/#\d+ received/)
      .waitFor();
  }
  // The last one is JSON: its tree shows the payloads as keys and strings.
  const details = page.getByRole('region', { name: 'Frame details' });
  await details.getByText(CORPUS[0], { exact: true }).waitFor();
  await assertInert(page);
});

test('close reasons from either side stay text', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Close code').fill('4000');
  await page.getByLabel('Close reason').fill(CORPUS[0]);
  await page.getByRole('button', { name: 'Close with code' }).click();
  await page.getByRole('region', { name: 'Connection details' }).getByText(CORPUS[0]).waitFor();
  await assertInert(page);

  const reason = encodeURIComponent(CORPUS[2]);
  const served = await env.open({ url: `${env.wsUrl}/close?code=4000&reason=${reason}`, connect: '1' });
  await served.getByRole('region', { name: 'Connection details' }).getByText(CORPUS[2]).waitFor();
  await assertInert(served);
});

test('typed URLs and deep-link values stay text', async () => {
  const page = await env.open({ binaryType: CORPUS[0], protocols: CORPUS[1] });
  await page.getByText(`“${CORPUS[0]}”`, { exact: false }).waitFor();
  const url = page.getByLabel('URL', { exact: true });
  for (const payload of [`http://${CORPUS[0]}`, CORPUS[1], `javascript:window.__xss=1`]) {
    await url.fill(payload);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.locator('#url-error').filter({ hasText: /\S/ }).waitFor();
  }
  await assertInert(page);
});
