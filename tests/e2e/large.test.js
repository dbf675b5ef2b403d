// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSeeded, row, useEnvironment } from './harness.js';

const env = useEnvironment();
const COUNT = 10_000_000;

/**
 * The numbers of the rows on screen, once the grid has drawn them all; null while no row is on screen or any is
 * still a placeholder. The grid redraws after its scroll event, so right after a scroll the screen may hold no row
 * yet. Read in the page: self-contained, since the page's policy allows no eval.
 * @returns {number[] | null}
 */
function drawnRowsOnScreen() {
  const grid = /** @type {Element} */ (document.querySelector('[role="grid"]'));
  const box = grid.getBoundingClientRect();
  const visible = [...grid.querySelectorAll('[role="row"][aria-rowindex]')].filter((node) => {
    const rect = node.getBoundingClientRect();
    return rect.bottom > box.top + 30 && rect.top < box.bottom;
  });
  const seqs = visible
    .map((node) => Number(node.getAttribute('aria-rowindex')) - 2)
    .filter((seq) => seq >= 0);
  const drawn = visible.every((node) => !node.classList.contains('placeholder'));
  return seqs.length > 0 && drawn ? seqs : null;
}

/**
 * Waits until every row on screen is drawn (none a placeholder), and reads their numbers.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<number[]>}
 */
async function rowsDrawn(page) {
  const seqs = await (await page.waitForFunction(drawnRowsOnScreen)).jsonValue();
  // waitForFunction resolves only on a value that is not null.
  return /** @type {number[]} */ (seqs);
}

test('every row of a 10,000,000-frame session is reachable: keys, go to, scrollbar and wheel', async () => {
  const page = await openSeeded(env, COUNT);
  const grid = page.getByRole('grid', { name: 'Frames' });

  await grid.press('End');
  await row(page, COUNT - 1)
    .filter({ hasText: `"seq":${COUNT - 1},` })
    .waitFor();
  await grid.press('Home');
  await row(page, 0).filter({ hasText: '"seq":0,' }).waitFor();

  const goTo = page.getByLabel('Go to');
  await goTo.fill('#5000000');
  await goTo.press('Enter');
  await row(page, 5_000_000).filter({ hasText: '"seq":5000000,' }).waitFor();
  assert.equal(await row(page, 5_000_000).getAttribute('aria-selected'), 'true');

  // Seeded frames are one millisecond apart from 2026-01-01T00:00:00Z.
  await goTo.fill('2026-01-01T00:33:20.000Z');
  await goTo.press('Enter');
  await row(page, 2_000_000).filter({ hasText: '"seq":2000000,' }).waitFor();
  await goTo.fill('#10000000');
  await goTo.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'Frames are numbered #0 to #9,999,999.' }).waitFor();

  // Dragging the scrollbar to the middle shows the middle frames, drawn.
  await grid.evaluate((node) => {
    node.scrollTop = (node.scrollHeight - node.clientHeight) / 2;
  });
  // Drawn, not placeholders: rowsDrawn waits for that.
  const first = (await rowsDrawn(page))[0] ?? -1;
  assert.ok(Math.abs(first - COUNT / 2) < 100, `the middle shows frame ${first}`);

  // A wheel tick moves a few rows, not thousands, and leaves no blank screen.
  await grid.hover();
  await page.mouse.wheel(0, 240);
  await page.waitForFunction((before) => {
    const rows = [...document.querySelectorAll('[role="grid"] [role="row"][aria-rowindex]')];
    return rows.some((node) => Number(node.getAttribute('aria-rowindex')) - 2 > before + 5);
  }, first);
  const moved = ((await rowsDrawn(page))[0] ?? 0) - first;
  assert.ok(moved > 0 && moved < 100, `one wheel tick moved ${moved} rows`);
});
