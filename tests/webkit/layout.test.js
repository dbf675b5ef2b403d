// @ts-check
/**
 * Issue 16's layout check in Safari's engine: the frames toolbar's Go to box ran under the Timeline button at
 * 1024 px, at 1280 px when idle and at 1440 px with the paused badge or a filter count (tests/e2e/layout.test.js has
 * the Chromium version). Fonts and form controls are WebKit's own, so widths differ from Chromium's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickButton, sendMessage, useWebKit, waitForOpen } from './harness.js';
import { ENTER } from './webdriver.js';

const env = useWebKit();

/**
 * A function body: the Go to box's and the Timeline button's boxes, and every pair of the frames toolbar's controls
 * and texts that overlap (as "a / b"), by the same rule as the Chromium check.
 */
const TOOLBAR = `
  const toolbar = document.querySelector('[aria-label="Frames panel"] > div');
  if (!toolbar) return { overlaps: ['no toolbar'] };
  const rect = (el) => {
    const { left, top, right, bottom } = el.getBoundingClientRect();
    return { left, top, right, bottom };
  };
  const parts = [...toolbar.querySelectorAll('input, select, button, [role="status"], label')].filter(
    (el) => !el.closest('label') || el.tagName === 'LABEL',
  );
  const name = (el) => el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20);
  const overlaps = [];
  for (const [i, a] of parts.entries()) {
    for (const b of parts.slice(i + 1)) {
      if (a.contains(b) || b.contains(a)) continue;
      const r = a.getBoundingClientRect();
      const s = b.getBoundingClientRect();
      if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1) {
        overlaps.push(name(a) + ' / ' + name(b));
      }
    }
  }
  const goTo = toolbar.querySelector('input[aria-label="Go to"]');
  const timeline = parts.find((el) => el.tagName === 'BUTTON' && el.textContent.trim() === 'Timeline');
  return { overlaps, goTo: goTo && rect(goTo), timeline: timeline && rect(timeline) };`;

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
        await browser.execute(TOOLBAR)
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
