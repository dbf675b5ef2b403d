// @ts-check
/** The phone layout (the UX review's Widths, 390×844): the page as wide as the screen, its controls usable in it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();
const PHONE = { width: 390, height: 844 };

/**
 * The horizontal extent of each control, and how wide the page is laid out.
 * @param {import('playwright-core').Page} page
 * @param {Record<string, import('playwright-core').Locator>} controls
 */
async function measure(page, controls) {
  /** @type {Record<string, {x: number, right: number, width: number}>} */
  const boxes = {};
  for (const [name, locator] of Object.entries(controls)) {
    const box = await locator.boundingBox();
    assert.ok(box, `${name} is laid out`);
    boxes[name] = { x: box.x, right: box.x + box.width, width: box.width };
  }
  const page_ = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth,
  }));
  return { boxes, ...page_ };
}

/** @param {Awaited<ReturnType<typeof measure>>} found @param {string} when */
function assertFits(found, when) {
  assert.ok(found.scrollWidth <= found.innerWidth, `${when}: laid out ${found.scrollWidth} px wide`);
  for (const [name, box] of Object.entries(found.boxes)) {
    assert.ok(
      box.x >= 0 && box.right <= found.innerWidth + 0.5,
      `${when}: ${name} spans ${box.x}–${box.right}`,
    );
  }
}

test('at 390×844 the page is no wider than the phone, with URL, Connect, Message, Send and the grid on it', async () => {
  const page = await env.open();
  await page.setViewportSize(PHONE);
  const url = page.getByLabel('URL', { exact: true });
  const message = page.getByLabel('Message', { exact: true });
  const send = page.getByRole('button', { name: 'Send', exact: true });
  const grid = page.getByRole('grid', { name: 'Frames' });
  await page.getByText('Headers or a token?', { exact: true }).waitFor();
  assert.match((await page.getByRole('status', { name: 'Connection state' }).textContent()) ?? '', /closed/);
  const connect = page.getByRole('button', { name: 'Connect', exact: true });
  assertFits(
    await measure(page, { URL: url, Connect: connect, Message: message, Send: send, grid }),
    'fresh',
  );

  await url.fill(`${env.wsUrl}/echo`);
  await connect.click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  for (const text of [
    'hello',
    '{"type":"order","data":{"items":[{"name":"a rather long product name"}]}}',
    'bye',
  ]) {
    await message.fill(text);
    await send.click();
  }
  await waitForMessageCount(page, 6);
  await rowsOf(page, 'received').filter({ hasText: 'order' }).click();
  await page.getByRole('region', { name: 'Frame details' }).getByText('{2 keys}').waitFor();
  const disconnect = page.getByRole('button', { name: 'Disconnect', exact: true });
  const found = await measure(page, { URL: url, Disconnect: disconnect, Message: message, Send: send, grid });
  assertFits(found, 'connected, a frame selected');
  // Usable, not cut to a few characters: the URL and the Message box take most of the width.
  assert.ok((found.boxes['URL']?.width ?? 0) >= 250, `the URL box is ${found.boxes['URL']?.width} px`);
  assert.ok(
    (found.boxes['Message']?.width ?? 0) >= 250,
    `the Message box is ${found.boxes['Message']?.width} px`,
  );
  assert.ok((await url.inputValue()).endsWith('/echo'));

  // The session on screen is listed, and its entry can be seen.
  const entry = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem').first();
  await entry.scrollIntoViewIfNeeded();
  const entryBox = await entry.boundingBox();
  assert.ok(entryBox && entryBox.height >= 20 && entryBox.width >= 300, 'a session entry shows');
  // Rows of frames show, not one.
  assert.ok(((await grid.boundingBox())?.height ?? 0) >= 150, 'the grid shows several rows');
});
