// @ts-check
/** "Headers or a token?" opens over the page, under its button, never reflowing the bar (the UX review). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEnvironment } from './harness.js';

const env = useEnvironment();

/** @param {import('playwright-core').Locator} locator */
async function boxOf(locator) {
  const box = await locator.boundingBox();
  assert.ok(box, 'the element is laid out');
  return box;
}

for (const width of [1280, 390]) {
  test(`at ${width} px the headers hint opens below its button without moving the bar, and closes`, async () => {
    const page = await env.open();
    await page.setViewportSize({ width, height: 800 });
    const bar = page.getByRole('banner');
    const opener = page.getByText('Headers or a token?', { exact: true });
    const hint = page.getByText(/Browsers cannot send custom headers/);
    await opener.waitFor();
    const before = await boxOf(bar);

    await opener.click();
    await hint.waitFor();
    assert.deepEqual(await boxOf(bar), before, 'the bar keeps its size and place');
    const openerBox = await boxOf(opener);
    const hintBox = await boxOf(hint);
    assert.ok(hintBox.y >= openerBox.y + openerBox.height, 'the hint is below its button');
    assert.ok(hintBox.x >= 0 && hintBox.x + hintBox.width <= width, 'the hint is inside the window');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true);

    // Esc closes it, with the focus on its button.
    await page.keyboard.press('Escape');
    await hint.waitFor({ state: 'hidden' });
    assert.ok(await opener.evaluate((button) => button === document.activeElement), 'the focus is back');

    // From the keyboard it opens again; a click outside closes it.
    await page.keyboard.press('Enter');
    await hint.waitFor();
    await page.getByRole('grid', { name: 'Frames' }).click({ position: { x: 5, y: 5 } });
    await hint.waitFor({ state: 'hidden' });
    // The click may scroll a phone's page to the grid: the bar's size is what must not change.
    const after = await boxOf(bar);
    assert.deepEqual([after.width, after.height], [before.width, before.height]);
  });
}
