// @ts-check
/**
 * Issue 16's layout check in Safari's engine: the frames toolbar's Go to box ran under the Timeline button at
 * 1024 px, at 1280 px when idle and at 1440 px with the paused badge or a filter count (tests/e2e/layout.test.js has
 * the Chromium version). Fonts and form controls are WebKit's own, so widths differ from Chromium's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toolbarLayout } from '../shared/probes.js';
import { clickButton, MESSAGE_COUNT_IS, sendMessage, useWebKit, waitForOpen } from './harness.js';
import { ARROW_RIGHT, ENTER } from './webdriver.js';

const env = useWebKit();

/**
 * @typedef {{ left: number, top: number, right: number, bottom: number }} Rect
 * @param {Rect} a
 * @param {Rect} b
 */
const apart = (a, b) =>
  a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1;

test('WebKit: Go to and Timeline stay apart at 1024, 1280 and 1440 px, idle, paused and filtered', async () => {
  const browser = await env.open(`?${new URLSearchParams({ url: `${env.wsUrl}/echo`, connect: '1' })}`);
  await waitForOpen(browser);
  // Go to loads just after the first screen.
  await browser.waitFor(`return document.querySelector('input[aria-label="Go to"]')`, { what: 'Go to' });

  /** @param {string} state */
  const check = async (state) => {
    for (const width of [1024, 1280, 1440]) {
      await browser.setViewport(width, 800);
      const found = /** @type {{ overlaps: string[], goTo: Rect | null, timeline: Rect | null }} */ (
        await browser.execute(`return (${toolbarLayout})()`)
      );
      assert.ok(found.goTo && found.timeline, `${state} at ${width} px: both are laid out`);
      assert.ok(
        apart(found.goTo, found.timeline),
        `${state} at ${width} px: Go to ${JSON.stringify(found.goTo)} / Timeline ${JSON.stringify(found.timeline)}`,
      );
      assert.deepEqual(found.overlaps, [], `${state} at ${width} px`);
    }
  };

  await check('idle');
  await clickButton(browser, 'Pause');
  await sendMessage(browser, 'hello');
  await browser.waitFor(`return document.body.textContent.includes('new while paused')`, {
    what: 'the paused badge',
  });
  await browser.type('input[aria-label="Go to"]', `nonsense${ENTER}`);
  await browser.waitFor(
    `return [...document.querySelectorAll('[role="alert"]')].some((el) => /Type a frame number/.test(el.textContent))`,
    { what: 'the Go to help' },
  );
  await check('paused, with Go to help');
  await clickButton(browser, 'Resume');
  await browser.type('input[aria-label="Filter"]', 'hello');
  await browser.waitFor(
    `return /records shown/.test(document.querySelector('[aria-label="Frame count"]')?.textContent ?? '')`,
    { what: 'the filtered count' },
  );
  await check('filtered');
});

/** A function body: the width of each header cell and of the `open` row's cells, rounded to the pixel. */
const COLUMN_WIDTHS = `
  const widths = (cells) => [...cells].map((cell) => Math.round(cell.getBoundingClientRect().width));
  const open = [...document.querySelectorAll('[role="grid"] [role="row"]')].find((row) =>
    [...row.querySelectorAll('[role="gridcell"]')].some((cell) => cell.textContent.trim() === 'open'));
  return {
    header: widths(document.querySelectorAll('[role="grid"] [role="columnheader"]')),
    row: open ? widths(open.querySelectorAll('[role="gridcell"]')) : [],
  };`;

test('WebKit: a column resizer moves header and rows alike, and the frame views move by arrow keys', async () => {
  const browser = await env.open(`?${new URLSearchParams({ url: `${env.wsUrl}/echo`, connect: '1' })}`);
  await waitForOpen(browser);
  await browser.setViewport(1920, 900);
  const time = '[role="separator"][aria-label="Resize column Time"]';
  await browser.waitFor(`return document.querySelector('${time}')`, { what: 'the Time resizer' });
  const before = /** @type {{ header: number[], row: number[] }} */ (await browser.execute(COLUMN_WIDTHS));
  assert.deepEqual(before.row, before.header, 'the rows follow the header');
  await browser.sendKeys(time, ARROW_RIGHT.repeat(3));
  const wider = String((before.header[1] ?? 0) + 24);
  await browser.waitFor(
    `return document.querySelector('${time}').getAttribute('aria-valuenow') === arguments[0]`,
    {
      args: [wider],
      what: `Time at ${wider} px`,
    },
  );
  const after = /** @type {{ header: number[], row: number[] }} */ (await browser.execute(COLUMN_WIDTHS));
  assert.equal(after.header[1], (before.header[1] ?? 0) + 24);
  assert.deepEqual(after.row, after.header, 'the rows follow the header');

  await sendMessage(browser, '{"a":1}');
  await browser.waitFor(MESSAGE_COUNT_IS, { args: [2], what: 'sent and echoed' });
  await browser.execute(`[...document.querySelectorAll('[role="grid"] [role="row"]')]
    .find((row) => /received/.test(row.textContent ?? '')).click()`);
  const selected = '[role="toolbar"][aria-label="Frame view"] [aria-pressed="true"]';
  await browser.waitFor(`return document.querySelector('${selected}')?.textContent.trim() === 'Decoded'`, {
    what: 'the Decoded view',
  });
  await browser.sendKeys(selected, ARROW_RIGHT);
  await browser.waitFor(
    `const tab = document.querySelector('${selected}');
     const panel = document.getElementById(tab?.getAttribute('aria-controls') ?? '');
     return tab?.textContent.trim() === 'Text' && document.activeElement === tab &&
       panel?.getAttribute('aria-labelledby') === tab.id`,
    { what: 'Text selected, focused and naming the panel' },
  );
});
