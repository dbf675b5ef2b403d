// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENTER } from './webdriver.js';
import {
  clickButton,
  MESSAGE_COUNT_IS,
  ROW_CONTAINS,
  sendMessage,
  useWebKit,
  waitForOpen,
} from './harness.js';
import { seedScript } from './seed.js';

const env = useWebKit();

test('WebKit: the app connects, echoes, records into IndexedDB and keeps the session across a reload', async () => {
  const browser = await env.open(`?${new URLSearchParams({ url: `${env.wsUrl}/echo`, connect: '1' })}`);
  await waitForOpen(browser);
  await sendMessage(browser, 'hello from webkit');
  await browser.waitFor(MESSAGE_COUNT_IS, { args: [2], what: 'sent and echoed' });
  await clickButton(browser, 'Disconnect');
  await browser.waitFor(
    `return [...document.querySelectorAll('[aria-labelledby="sessions-heading"] li')]
      .some((li) => /closed/.test(li.textContent ?? ''))`,
    { what: 'the session listed as closed' },
  );
  await browser.navigate(env.appUrl);
  await browser.waitFor(`return document.querySelector('[aria-labelledby="sessions-heading"] li button')`);
  await browser.click('[aria-labelledby="sessions-heading"] li button');
  await browser.waitFor(MESSAGE_COUNT_IS, { args: [2], what: 'the reopened session' });
  await browser.waitFor(ROW_CONTAINS, { args: [3, 'hello from webkit'], what: 'the echoed row' });
});

for (const binaryType of ['arraybuffer', 'blob']) {
  test(`WebKit: binary frames under binaryType ${binaryType} arrive in order with their bytes`, async () => {
    const query = new URLSearchParams({ url: `${env.wsUrl}/binary`, connect: '1', binaryType });
    const browser = await env.open(`?${query}`);
    await waitForOpen(browser);
    await browser.waitFor(MESSAGE_COUNT_IS, { args: [3], what: 'the three binary frames' });
    const firstBinaryRow = `return [...document.querySelectorAll('[role="grid"] [role="row"]')]
      .find((row) => /received/.test(row.textContent ?? ''))`;
    // The count can reach 3 before the grid's next redraw (ten a second) draws the rows: wait for the row.
    await browser.waitFor(`${firstBinaryRow}?.textContent?.includes('256 B binary: 00 01 02 03')`, {
      what: 'the first binary row',
    });
    const rowText = await browser.execute(`${firstBinaryRow}?.textContent`);
    assert.match(String(rowText), /256 B binary: 00 01 02 03/);
    await browser.execute(`${firstBinaryRow}.click()`);
    const delivered = binaryType === 'blob' ? 'Blob' : 'ArrayBuffer';
    await browser.waitFor(
      `return document.querySelector('[aria-label="Frame details"]')?.textContent?.includes(arguments[0])`,
      { args: [`delivered as ${delivered}`], what: `delivered as ${delivered}` },
    );
  });
}

test('WebKit: a million-frame session reaches its last row past the height cap, and filters in a worker', async () => {
  const browser = await env.open();
  await browser.waitFor(`return document.querySelector('textarea#message')`);
  await browser.executeAsync(await seedScript(1_000_000));
  await browser.navigate(env.appUrl);
  await browser.waitFor(`return document.querySelector('[aria-labelledby="sessions-heading"] li button')`);
  await browser.click('[aria-labelledby="sessions-heading"] li button');
  await browser.waitFor(MESSAGE_COUNT_IS, { args: [1_000_000], timeout: 60_000, what: 'a million frames' });
  await browser.waitFor(ROW_CONTAINS, { args: [999_999, '"seq":999999,'], what: 'the last row' });
  const height = await browser.execute(`return document.querySelector('[role="grid"]').scrollHeight`);
  // WebKit, like Firefox, caps element heights: the grid scales its scroll area to stay under any engine's cap.
  assert.ok(typeof height === 'number' && height <= 8_000_100, `scroll height ${height}`);

  await browser.type('input[aria-label="Filter"]', `trade${ENTER}`);
  await browser.waitFor(
    `return document.querySelector('[aria-label="Filter result"]')?.textContent?.startsWith('500,000 of 1,000,000')`,
    { timeout: 90_000, what: 'the filter worker to count the matches' },
  );
});
