// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shownCount } from '../shared/probes.js';
import { openConnected, row, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

test('5,000 streamed frames are all counted, and the grid follows them to the last', async () => {
  const page = await openConnected(env, '/stream?count=5000');
  await waitForMessageCount(page, 5000);
  // Records: the connecting note, open, then 5,000 messages: the last is #5001, and the grid followed it.
  await row(page, 5001).waitFor();
  assert.match((await row(page, 5001).textContent()) ?? '', /"seq":4999/);
  const grid = page.getByRole('grid', { name: 'Frames' });
  assert.equal(await grid.getAttribute('aria-rowcount'), String(5002 + 1));
  // Virtualized: only the rows on screen (and a few more) exist.
  assert.ok((await grid.getByRole('row').count()) < 100);
});

test('keyboard moves the selection; scrolling up stops following and offers a jump to the latest', async () => {
  const page = await openConnected(env, '/stream?count=2000');
  await waitForMessageCount(page, 2000);
  const grid = page.getByRole('grid', { name: 'Frames' });
  await grid.focus();

  await grid.press('Home');
  await row(page, 0).filter({ hasText: 'note' }).waitFor();
  assert.equal(await row(page, 0).getAttribute('aria-selected'), 'true');
  await grid.press('ArrowDown');
  await grid.press('ArrowDown');
  assert.equal(await row(page, 2).getAttribute('aria-selected'), 'true');
  await grid.press('PageDown');
  const selectedAfterPage =
    Number(await grid.locator('[aria-selected="true"]').getAttribute('aria-rowindex')) - 2;
  assert.ok(selectedAfterPage > 5, `Page Down moved to #${selectedAfterPage}`);

  // Away from the tail, the frame details follow the selection and a jump button appears.
  await page
    .getByRole('region', { name: 'Frame details' })
    .getByText(`#${selectedAfterPage} received`)
    .waitFor();
  await page.getByRole('button', { name: /Jump to latest/ }).click();
  await row(page, 2001).waitFor();

  await grid.press('Home');
  await grid.press('End');
  await row(page, 2001).waitFor();
  assert.equal(await row(page, 2001).getAttribute('aria-selected'), 'true');
});

test('while following, new frames scroll into view; after scrolling up they do not', async () => {
  const page = await openConnected(env, '/echo');
  const box = page.getByLabel('Message', { exact: true });
  for (let i = 0; i < 40; i++) {
    await box.fill(`message ${i}`);
    await box.press('Control+Enter');
  }
  await waitForMessageCount(page, 80);
  await row(page, 81).waitFor();

  const grid = page.getByRole('grid', { name: 'Frames' });
  await grid.evaluate((element) => element.scrollTo(0, 0));
  await page.getByRole('button', { name: /Jump to latest/ }).waitFor();
  await box.fill('one more');
  await box.press('Control+Enter');
  await waitForMessageCount(page, 82);
  assert.equal(await row(page, 83).count(), 0, 'the new row is not scrolled into view');
  assert.equal(await grid.evaluate((element) => element.scrollTop), 0);
});

test('pausing holds the live view still while recording goes on; resuming catches up', async () => {
  // Eight seconds of stream: on a busy machine the Pause click must land while frames are still arriving.
  const page = await openConnected(env, '/stream?count=8000&rate=1000');
  await page.waitForFunction(shownCount, { least: 300 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const lastShown = async () =>
    page
      .getByRole('grid', { name: 'Frames' })
      .evaluate((grid) =>
        Math.max(
          ...[...grid.querySelectorAll('[aria-rowindex]')].map((r) =>
            Number(r.getAttribute('aria-rowindex')),
          ),
        ),
      );
  const held = await lastShown();
  const badge = page.getByRole('status').filter({ hasText: /new while paused/ });
  await page.waitForFunction(() => {
    const text = [...document.querySelectorAll('[role="status"]')].find((s) =>
      /new while paused/.test(s.textContent ?? ''),
    );
    return Number((text?.textContent ?? '').replace(/\D/g, '')) > 100;
  });
  assert.equal(await lastShown(), held, 'the view stayed where it was');
  // Recording went on: the count keeps climbing while paused.
  await waitForMessageCount(page, 8000, 30_000);
  await page.getByRole('button', { name: 'Resume' }).click();
  await badge.waitFor({ state: 'detached' });
  await row(page, 8001).waitFor();
});

test('a row clicked during a live feed stays put: the click stops following, Jump to latest resumes', async () => {
  // Paced, so the feed is still flowing however long the machine takes over each step.
  const page = await openConnected(env, '/stream?count=30000&rate=200');
  await page.waitForFunction(shownCount, { least: 100 });
  // The rows move under a pointer while frames arrive: the click goes to the newest row in view, found and clicked
  // in one step, as a person's click lands on a row they see. In view, not merely drawn: under load the grid draws
  // rows for a scroll position the scroller has already left, and those may be above the visible part.
  // (Polled: the grid's code loads after the first paint, so its rows may not be drawn yet.)
  const clicked = await page.waitForFunction(() => {
    const grid = document.querySelector('[role="grid"][aria-label="Frames"]');
    if (!grid) return null;
    const view = grid.getBoundingClientRect();
    const header = grid.querySelector('[role="row"][aria-rowindex="1"]')?.getBoundingClientRect().height ?? 0;
    const inView = [...grid.querySelectorAll('[role="row"][aria-rowindex]')].filter((row) => {
      const box = row.getBoundingClientRect();
      return (
        /"seq":\d/.test(row.textContent ?? '') && box.top >= view.top + header && box.bottom <= view.bottom
      );
    });
    const newest = /** @type {HTMLElement | undefined} */ (inView.at(-1));
    newest?.click();
    return newest && { seq: Number(newest.getAttribute('aria-rowindex')) - 2 };
  });
  const { seq } = /** @type {{ seq: number }} */ (await clicked.jsonValue());
  const jump = page.getByRole('button', { name: 'Jump to latest ↓' });
  await jump.waitFor();
  // Hundreds more frames arrive; the clicked row is still drawn and still the selected one.
  const countThen = /** @type {{ count: number }} */ (await page.evaluate(shownCount, {})).count;
  await page.waitForFunction(shownCount, { least: countThen + 300 }, { timeout: 60_000 });
  assert.equal(await row(page, seq).getAttribute('aria-selected'), 'true');
  assert.ok(await row(page, seq).isVisible(), 'the clicked row is still in view');
  await jump.click();
  // Following again: the offer to jump goes away while frames keep arriving.
  await jump.waitFor({ state: 'detached' });
});
