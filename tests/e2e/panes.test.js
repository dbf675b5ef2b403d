// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEnvironment } from './harness.js';

const env = useEnvironment();

/**
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
async function box(page, selector) {
  const found = await page.locator(selector).first().boundingBox();
  assert.ok(found, `${selector} is laid out`);
  return found;
}

test('the panes can be resized by keyboard and by dragging, and keep their sizes across a reload', async () => {
  const page = await env.open();
  const sidebarSplitter = page.getByRole('separator', { name: 'Resize the sidebar' });
  await sidebarSplitter.waitFor();
  const sidebarBefore = (await box(page, '.body > .sidebar')).width;
  await sidebarSplitter.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  assert.equal(Math.round((await box(page, '.body > .sidebar')).width), Math.round(sidebarBefore) + 48);
  assert.equal(await sidebarSplitter.getAttribute('aria-valuenow'), String(Math.round(sidebarBefore) + 48));

  // Dragging the details splitter 100 px to the left widens Frame details by as much.
  const detailsSplitter = page.getByRole('separator', { name: 'Resize Frame details' });
  const detailsBefore = (await box(page, 'main > .details')).width;
  const handle = await detailsSplitter.boundingBox();
  assert.ok(handle);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 40);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 - 100, handle.y + 40, { steps: 5 });
  await page.mouse.up();
  const detailsAfter = (await box(page, 'main > .details')).width;
  assert.ok(Math.abs(detailsAfter - (detailsBefore + 100)) <= 2, `${detailsBefore} → ${detailsAfter}`);

  const composerSplitter = page.getByRole('separator', { name: 'Resize the composer' });
  await composerSplitter.focus();
  await page.keyboard.press('Shift+ArrowUp');
  const composerHeight = (await box(page, '.work > .composer')).height;

  await page.reload();
  await page.getByRole('separator', { name: 'Resize the sidebar' }).waitFor();
  assert.equal(Math.round((await box(page, '.body > .sidebar')).width), Math.round(sidebarBefore) + 48);
  assert.ok(Math.abs((await box(page, 'main > .details')).width - detailsAfter) <= 2);
  assert.ok(Math.abs((await box(page, '.work > .composer')).height - composerHeight) <= 2);
});
