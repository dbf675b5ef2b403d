// @ts-check
/** Layout and the timeline (issue 16): a live chart, room for the payload, nothing overlapping at common widths. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toolbarLayout } from '../shared/probes.js';
import { openConnected, useEnvironment, waitForMessageCount } from './harness.js';

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
  // Bytes are drawn in hues of their own, not only dashed: the legend's four markers have four colours.
  const markers = await page.$$eval('.u-legend .u-series', (rows) =>
    rows.flatMap((row) => {
      const marker = row.querySelector('.u-marker');
      const label = row.querySelector('.u-label')?.textContent ?? '';
      // The first row is the time axis, which has no line.
      return marker instanceof HTMLElement && label !== 'Time'
        ? [[label, getComputedStyle(marker).borderColor]]
        : [];
    }),
  );
  assert.equal(markers.length, 4, JSON.stringify(markers));
  assert.equal(new Set(markers.map(([, colour]) => colour)).size, 4, JSON.stringify(markers));

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

/** @param {{x: number, y: number, width: number, height: number}} a @param {{x: number, y: number, width: number, height: number}} b */
const overlaps = (a, b) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** @param {import('playwright-core').Locator} locator */
async function boxOf(locator) {
  const box = await locator.boundingBox();
  assert.ok(box, 'the element is laid out');
  return box;
}

for (const width of [900, 600]) {
  test(`at ${width} px wide the sidebar's lists stay readable and apart`, async () => {
    const page = await openConnected(env, '/echo');
    await page.setViewportSize({ width, height: 700 });
    const heading = page.getByRole('heading', { name: 'Sessions' });
    const exportProfiles = page.getByRole('button', { name: 'Export profiles' });
    const list = page.getByRole('list', { name: 'Sessions' });
    const entry = list.getByRole('listitem').first();
    await entry.waitFor();
    assert.ok(
      !overlaps(await boxOf(heading), await boxOf(exportProfiles)),
      'the heading clears Export profiles',
    );
    const listBox = await boxOf(list);
    const entryBox = await boxOf(entry);
    assert.ok(listBox.height >= 40, `the list has ${listBox.height} px`);
    assert.ok(entryBox.y >= listBox.y - 1 && entryBox.y + 10 <= listBox.y + listBox.height, 'an entry shows');
    assert.ok(!overlaps(await boxOf(heading), listBox), 'the heading sits above the list');
  });
}

test('at 1024 px wide the Data column takes at least 40% of the grid', async () => {
  const page = await openConnected(env, '/echo');
  await page.setViewportSize({ width: 1024, height: 768 });
  const grid = page.getByRole('grid', { name: 'Frames' });
  const open = grid
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: 'open', exact: true }) });
  const data = open.getByRole('gridcell').last();
  await data.waitFor();
  const gridBox = await boxOf(grid);
  const dataBox = await boxOf(data);
  assert.ok(dataBox.width >= 0.4 * gridBox.width, `Data ${dataBox.width} px of ${gridBox.width} px`);
  // The direction stays readable to assistive technology when its column narrows to a glyph.
  assert.equal(await open.getByRole('gridcell', { name: 'open', exact: true }).count(), 2);
});

test('above the grid: a one-line details strip and one Export menu, and the grid stays put', async () => {
  const page = await openConnected(env, '/echo');
  await page.setViewportSize({ width: 1024, height: 768 });
  const grid = page.getByRole('grid', { name: 'Frames' });
  const details = page.getByRole('region', { name: 'Connection details' });
  await page.getByLabel('Saved records').waitFor();
  assert.ok((await boxOf(details)).height <= 32, 'the details strip is one line at 1024 px');
  const transfer = page.getByRole('region', { name: 'Export and share' });
  assert.ok((await boxOf(transfer)).height <= 32, 'the export bar is one button high');
  const exportSession = page.getByRole('button', { name: 'Export session', exact: true });
  assert.equal(await exportSession.isVisible(), false, 'the export items wait in the menu');
  const top = (await boxOf(grid)).y;

  const toggle = transfer.getByRole('button', { name: 'Export', exact: true });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await exportSession.waitFor();
  await page.getByRole('button', { name: 'Export HAR', exact: true }).waitFor();
  assert.equal((await boxOf(grid)).y, top, 'opening the menu moves nothing');
  await page.keyboard.press('Escape');
  await exportSession.waitFor({ state: 'hidden' });

  const box = page.getByLabel('Message', { exact: true });
  await box.fill('hello');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);
  assert.equal((await boxOf(grid)).y, top, 'traffic moves nothing');
});

test('the frames toolbar keeps its controls apart at 1024, 1280 and 1440 px, idle, paused and filtered', async () => {
  const page = await openConnected(env, '/echo');
  const widths = [1024, 1280, 1440];
  const check = async (/** @type {string} */ state) => {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      assert.deepEqual((await page.evaluate(toolbarLayout)).overlaps, [], `${state} at ${width} px`);
    }
  };
  await check('idle');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByLabel('Message', { exact: true }).fill('hello');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(/new while paused/).waitFor();
  await page.getByLabel('Go to').fill('nonsense');
  await page.getByLabel('Go to').press('Enter');
  await page
    .getByRole('alert')
    .filter({ hasText: /Type a frame number/ })
    .waitFor();
  await check('paused, with Go to help');
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await page.getByPlaceholder('Filter frames').fill('hello');
  await page
    .getByLabel('Frame count')
    .filter({ hasText: /records shown/ })
    .waitFor();
  await check('filtered');
});

test('the JSON tree counts one key as "1 key"', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Message', { exact: true }).fill('{"a":{"b":1,"c":2}}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);
  await page.getByRole('grid', { name: 'Frames' }).getByRole('row').filter({ hasText: 'received' }).click();
  const details = page.getByRole('region', { name: 'Frame details' });
  await details.getByText('{1 key}', { exact: true }).waitFor();
  await details.getByText('{2 keys}', { exact: true }).waitFor();
});

test('connected, the page is never wider than the window, and the Import control stays in the sidebar', async () => {
  for (const width of [1024, 1280]) {
    const page = await openConnected(env, '/echo');
    await page.setViewportSize({ width, height: 800 });
    await page.getByText('or drop a').waitFor();
    const overflow = await page.evaluate(() => {
      const sidebar = /** @type {Element} */ (document.querySelector('.sidebar')).getBoundingClientRect();
      const outside = [...document.querySelectorAll('.sidebar footer *')].filter(
        (element) => element.getBoundingClientRect().right > sidebar.right + 1,
      );
      return { page: document.documentElement.scrollWidth - innerWidth, sidebar: outside.length };
    });
    assert.deepEqual(overflow, { page: 0, sidebar: 0 }, `at ${width} px`);
  }
});
