// @ts-check
/**
 * Issue 16's keyboard leftovers: Frame details' views are a WAI-ARIA toolbar of pressed buttons (one Tab stop, arrows move and show),
 * and the grid's column widths are draggable, by pointer and by keys, and remembered across a reload.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const focusedTab = (page) =>
  page.evaluate(() =>
    document.activeElement?.closest('[role="toolbar"]') && document.activeElement.hasAttribute('aria-pressed')
      ? document.activeElement.textContent?.trim()
      : null,
  );

test('the frame views are a toolbar: arrows, Home and End move and show, and the list is one Tab stop', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Message', { exact: true }).fill('{"type":"ping","id":7}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);
  await rowsOf(page, 'received').click();

  const details = page.getByRole('region', { name: 'Frame details' });
  const list = details.getByRole('toolbar', { name: 'Frame view' });
  const tabs = list.getByRole('button');
  await list.waitFor();
  assert.deepEqual(await tabs.allTextContents().then((names) => names.map((name) => name.trim())), [
    'Decoded',
    'Text',
    'Hex',
  ]);
  const panel = details.getByRole('region', { name: /^(Decoded|Text|Hex)$/ });
  /** The pressed view, and the view that names the panel, which it controls; only the pressed one is a Tab stop. */
  const state = async () => {
    const selected = list.getByRole('button', { pressed: true });
    assert.equal(await selected.count(), 1, 'one view is pressed');
    const panelId = await panel.getAttribute('id');
    assert.equal(await selected.getAttribute('aria-controls'), panelId);
    assert.deepEqual(
      await tabs.evaluateAll((all) => all.map((tab) => tab.getAttribute('tabindex'))),
      await tabs.evaluateAll((all) => all.map((tab) => (tab.ariaPressed === 'true' ? '0' : '-1'))),
    );
    const name = (await selected.textContent())?.trim();
    await details.getByRole('region', { name }).waitFor();
    return name;
  };
  assert.equal(await state(), 'Decoded');
  await details.getByText('"ping"').waitFor();

  await list.getByRole('button', { name: 'Decoded' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await state(), 'Text');
  assert.equal(await focusedTab(page), 'Text');
  await panel.getByRole('textbox', { name: 'Find in frame' }).waitFor();
  await page.keyboard.press('ArrowRight');
  assert.equal(await state(), 'Hex');
  await panel.getByLabel('Hex dump').waitFor();
  // Past the last tab the arrows wrap round; Home and End go to the ends.
  await page.keyboard.press('ArrowRight');
  assert.equal(await state(), 'Decoded');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await state(), 'Hex');
  await page.keyboard.press('Home');
  assert.equal(await state(), 'Decoded');
  await page.keyboard.press('End');
  assert.equal(await state(), 'Hex');
  assert.equal(await focusedTab(page), 'Hex');

  // One Tab stop: Tab leaves the list (to Copy as text), Shift+Tab comes back to the tab shown.
  await page.keyboard.press('Tab');
  assert.equal(await focusedTab(page), null);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focusedTab(page), 'Hex');
  // A click selects as well.
  await list.getByRole('button', { name: 'Text' }).click();
  assert.equal(await state(), 'Text');

  // JSON text can be laid out pretty, and back as received.
  const text = panel.locator('pre');
  assert.equal(await text.textContent(), '{"type":"ping","id":7}');
  const pretty = panel.getByRole('checkbox', { name: 'Pretty' });
  await pretty.check();
  await panel.locator('pre', { hasText: '"type": "ping"' }).waitFor();
  assert.equal(await text.textContent(), '{\n  "type": "ping",\n  "id": 7\n}');
  await pretty.uncheck();
  await panel.locator('pre', { hasText: '{"type":"ping","id":7}' }).waitFor();
});

/**
 * The header cell and the `open` row's cell of each column, as [x, width] pairs rounded to the pixel.
 * @param {import('playwright-core').Page} page
 */
async function columnBoxes(page) {
  const grid = page.getByRole('grid', { name: 'Frames' });
  // Sent into the page as source: it may use nothing from this file.
  const boxes = (/** @type {Element[]} */ cells) =>
    cells.map((cell) => {
      const { x, width } = cell.getBoundingClientRect();
      return [Math.round(x), Math.round(width)];
    });
  const header = await grid.getByRole('columnheader').evaluateAll(boxes);
  const row = await rowsOf(page, 'open').first().getByRole('gridcell').evaluateAll(boxes);
  return { header, row };
}

test('the grid columns resize by keys and by dragging, header and rows alike, and keep their widths', async () => {
  const page = await openConnected(env, '/echo');
  // Wide enough for the grid to show every column (a grid under 760 px folds Type into Direction).
  await page.setViewportSize({ width: 1920, height: 900 });
  const grid = page.getByRole('grid', { name: 'Frames' });
  const separators = grid.getByRole('separator');
  await rowsOf(page, 'open').first().waitFor();
  assert.deepEqual(
    await separators.evaluateAll((all) => all.map((s) => s.getAttribute('aria-label'))),
    ['#', 'Time', 'Direction', 'Type', 'Size'].map((name) => `Resize column ${name}`),
  );
  const time = grid.getByRole('separator', { name: 'Resize column Time' });
  assert.equal(await time.getAttribute('aria-orientation'), 'vertical');
  // The value follows the layout's own width once the resize is observed (a frame after the window changed, and
  // the layout itself may still be settling): wait until the two agree, then measure.
  await page.waitForFunction(() => {
    const grid = document.querySelector('[role="grid"][aria-label="Frames"]');
    const header = grid?.querySelectorAll('[role="columnheader"]')[1];
    const value = grid?.querySelector('[aria-label="Resize column Time"]')?.getAttribute('aria-valuenow');
    return header !== undefined && Number(value) === Math.round(header.getBoundingClientRect().width);
  });
  const before = await columnBoxes(page);
  const timeWidth = before.header[1]?.[1] ?? 0;
  assert.equal(await time.getAttribute('aria-valuenow'), String(timeWidth));
  assert.ok(Number(await time.getAttribute('aria-valuemin')) < timeWidth);
  assert.ok(Number(await time.getAttribute('aria-valuemax')) > timeWidth);

  // Three steps of 8 px to the right; the grid's own keys stay out of it (no row is selected).
  await time.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.equal(await time.getAttribute('aria-valuenow'), String(timeWidth + 24));
  assert.equal(await grid.getAttribute('aria-activedescendant'), null, 'the keys did not move the selection');
  const keyed = await columnBoxes(page);
  assert.equal(keyed.header[1]?.[1], timeWidth + 24);
  assert.deepEqual(keyed.row, keyed.header, 'the rows follow the header');
  const dataBefore = keyed.header[5]?.[1] ?? 0;

  // Dragging Direction's edge 30 px to the left narrows it by as much; Data takes the room.
  const direction = grid.getByRole('separator', { name: 'Resize column Direction' });
  const handle = await direction.boundingBox();
  assert.ok(handle);
  const y = handle.y + handle.height / 2;
  await page.mouse.move(handle.x + handle.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 - 30, y, { steps: 5 });
  await page.mouse.up();
  const dragged = await columnBoxes(page);
  assert.equal(dragged.header[2]?.[1], (before.header[2]?.[1] ?? 0) - 30);
  assert.ok(Math.abs((dragged.header[5]?.[1] ?? 0) - (dataBefore + 30)) <= 1, 'Data widened by as much');
  assert.deepEqual(dragged.row, dragged.header);

  await time.focus();
  await page.keyboard.press('Home');
  assert.equal(await time.getAttribute('aria-valuenow'), await time.getAttribute('aria-valuemin'));
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  const kept = await columnBoxes(page);

  // Loaded again (the deep link connects anew: a plain reload does not follow it twice).
  await page.goto(`${env.appUrl}?${new URLSearchParams({ url: `${env.wsUrl}/echo`, connect: '1' })}`);
  await rowsOf(page, 'open').first().waitFor();
  const reloaded = await columnBoxes(page);
  assert.deepEqual(reloaded.header, kept.header, 'the widths came back after a reload');
  assert.deepEqual(reloaded.row, reloaded.header);
});

test('in a narrow grid the Type column is folded away, and so is its resizer', async () => {
  const page = await openConnected(env, '/echo');
  await page.setViewportSize({ width: 1024, height: 768 });
  const grid = page.getByRole('grid', { name: 'Frames' });
  await rowsOf(page, 'open').first().waitFor();
  await grid.getByRole('separator', { name: 'Resize column Time' }).waitFor();
  assert.equal(await grid.getByRole('separator', { name: 'Resize column Type' }).count(), 0);
  const { header, row } = await columnBoxes(page);
  assert.deepEqual(row, header, 'the rows follow the header');

  // However far Time is pushed, Data keeps room for the payload.
  const time = grid.getByRole('separator', { name: 'Resize column Time' });
  await time.focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  const data = (await columnBoxes(page)).header[5]?.[1] ?? 0;
  assert.ok(data >= 80, `Data keeps ${data} px`);
  assert.ok(Number(await time.getAttribute('aria-valuenow')) > (header[1]?.[1] ?? 0), 'Time did widen');
});
