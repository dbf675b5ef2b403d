// @ts-check
/** The Decoded tree's Copy value and Copy path (the UX review's smaller items): by keyboard, onto the clipboard. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

const ANN = '{"data":{"items":[{"name":"Ann \\"A\\" <b>","qty":2}]}}';
const BOB = '{"data":{"items":[{"name":"Bob","qty":3}]}}';

/** @param {import('playwright-core').Page} page */
const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

test('a tree node copies its value and its path, and the path filters as the JSON field', async () => {
  const page = await openConnected(env, '/echo');
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.appUrl).origin });
  for (const text of [ANN, BOB]) {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await waitForMessageCount(page, 4);
  await rowsOf(page, 'received').first().click();
  const details = page.getByRole('region', { name: 'Frame details' });
  const status = details.getByRole('status').filter({ hasText: /^Copied/ });

  // Two levels open at first: open the array and its item.
  await details.getByRole('button', { name: 'items: Array(1)' }).click();
  await details.getByRole('button', { name: '0: {2 keys}' }).click();

  // From the keyboard: the node's button opens its menu on the first item; ↓ and Enter copy the path.
  const nameButton = details.getByRole('button', { name: 'Copy data.items.0.name', exact: true });
  await nameButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Copy data.items.0.name' });
  await menu.getByRole('menuitem', { name: 'Copy value' }).waitFor();
  assert.equal(await nameButton.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await status.filter({ hasText: 'Copied the path data.items.0.name.' }).waitFor();
  assert.equal(await clipboard(page), 'data.items.0.name');
  await menu.waitFor({ state: 'detached' });
  assert.ok(await nameButton.evaluate((button) => button === document.activeElement), 'the focus is back');

  // A string copies as it is, quotes and markup included, never as HTML.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await status.filter({ hasText: 'Copied the value of data.items.0.name.' }).waitFor();
  assert.equal(await clipboard(page), 'Ann "A" <b>');
  assert.equal(await details.locator('b').count(), 0, 'the value is text, not markup');

  // An object copies as indented JSON; Esc closes a menu with the focus back on its button.
  await details.getByRole('button', { name: 'Copy data.items.0', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Copy value' }).click();
  await status.filter({ hasText: 'Copied the value of data.items.0.' }).waitFor();
  assert.equal(await clipboard(page), '{\n  "name": "Ann \\"A\\" <b>",\n  "qty": 2\n}');
  const root = details.getByRole('button', { name: 'Copy the whole message', exact: true });
  await root.click();
  await page.getByRole('menuitem', { name: 'Copy value' }).waitFor();
  assert.equal(await page.getByRole('menuitem', { name: 'Copy path' }).count(), 0, 'the root has no path');
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'detached' });
  assert.ok(await root.evaluate((button) => button === document.activeElement), 'Esc gives the focus back');

  // The copied path, pasted into More filters, finds the frames with Ann and not Bob's.
  await nameButton.click();
  await page.getByRole('menuitem', { name: 'Copy path' }).click();
  await status.filter({ hasText: 'Copied the path' }).waitFor();
  await page.getByRole('button', { name: 'More filters' }).click();
  const field = page.getByLabel('JSON field');
  await field.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await field.pressSequentially(' ~ Ann');
  assert.equal(await field.inputValue(), 'data.items.0.name ~ Ann');
  // Ann's frame each way: the records counted include the connection's open.
  await page
    .getByLabel('Filter result')
    .filter({ hasText: /^2 of \d+ match/ })
    .waitFor();
  const grid = page.getByRole('grid', { name: 'Frames' });
  assert.equal(await grid.getByRole('row').filter({ hasText: 'Bob' }).count(), 0);
  assert.equal(await grid.getByRole('row').filter({ hasText: 'Ann' }).count(), 2);
});
