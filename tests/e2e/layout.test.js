// @ts-check
/** Layout and the timeline (issue 16): a live chart, room for the payload, nothing overlapping at common widths. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, useEnvironment } from './harness.js';

const env = useEnvironment();

test('the timeline follows a recording session, and Clear range drops a brushed range', async () => {
  const page = await openConnected(env, '/stream?count=20000&rate=500');
  await page.getByRole('button', { name: 'Timeline' }).click();
  const chartedTo = page.getByLabel('Charted up to');
  const first = await chartedTo.textContent();
  // No Refresh pressed: the chart reaches a later second by itself while the stream goes on.
  await page.waitForFunction(
    (before) => {
      const now = document.querySelector('[aria-label="Charted up to"]')?.textContent;
      return now !== undefined && now !== before;
    },
    first,
    { timeout: 5000 },
  );
  assert.match((await chartedTo.textContent()) ?? '', /^charted to \d\d:\d\d:\d\d$/);

  const clear = page.getByRole('button', { name: 'Clear range' });
  assert.equal(await clear.count(), 0, 'no range, no Clear range');
  const box = await page.locator('.u-over').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  // The brush filtered the grid ("N of M match"); Clear range shows every frame again.
  await page.getByLabel('Filter result').waitFor();
  await clear.click();
  await clear.waitFor({ state: 'detached' });
  await page.getByLabel('Filter result').waitFor({ state: 'detached' });
});
