// @ts-check
/**
 * Issue 16 (the review's smaller items): sessions and profiles keep their secondary actions in one ⋯ menu per entry,
 * so twice as many entries fit; the menu works from the keyboard (the ARIA menu button pattern).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedSession } from '../shared/seed-bundle.js';
import { useEnvironment } from './harness.js';
import { openActions } from './entry-menu.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const sessions = (page) => page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');

/** The accessible name of the focused element. @param {import('playwright-core').Page} page */
const focusedName = (page) =>
  page.evaluate(() => {
    const focused = document.activeElement;
    return focused?.getAttribute('aria-label') ?? focused?.textContent?.trim() ?? '';
  });

test('at 1280×800 six session entries fit, their actions behind ⋯; the entry itself still opens the session', async () => {
  const page = await env.open();
  await page.setViewportSize({ width: 1280, height: 800 });
  for (let i = 0; i < 12; i++) await seedSession(page, 5);
  await page.reload();
  await sessions(page).nth(11).waitFor();
  const list = page.getByRole('list', { name: 'Sessions' });
  // Entries wholly inside the list's visible box (with Rename and Delete on every entry, three fitted).
  const fitting = await list.evaluate((ul) => {
    const box = ul.getBoundingClientRect();
    return [...ul.children].filter((li) => {
      const item = li.getBoundingClientRect();
      return item.top >= box.top - 0.5 && item.bottom <= box.bottom + 0.5;
    }).length;
  });
  assert.ok(fitting >= 6, `${fitting} entries fit`);
  const first = sessions(page).first();
  assert.equal(await first.getByRole('button', { name: /^Rename/ }).count(), 0, 'Rename waits in the menu');
  assert.equal(await first.getByRole('button', { name: 'Delete' }).count(), 0, 'Delete waits in the menu');

  await first.getByRole('button').first().click();
  await page.getByRole('region', { name: 'Recorded session' }).waitFor();
});

test('the ⋯ menu: Enter opens it on its first item, arrows move, Esc closes it back onto ⋯, a click outside closes it', async () => {
  const page = await env.open();
  await seedSession(page, 3);
  await page.reload();
  const item = sessions(page).first();
  const more = item.getByRole('button', { name: 'Actions for session “ws://seeded.example/feed”' });
  const menu = item.getByRole('menu', { name: 'Actions for session “ws://seeded.example/feed”' });

  await more.focus();
  await page.keyboard.press('Enter');
  await menu.waitFor();
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(await menu.getByRole('menuitem').allTextContents(), [
    'Open in new tab',
    'Rename',
    'Delete',
  ]);
  assert.match(await focusedName(page), /^Open in new tab/);
  await page.keyboard.press('ArrowDown');
  assert.match(await focusedName(page), /^Rename/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedName(page), 'Delete', 'the arrows wrap around');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.equal(await focusedName(page), 'Actions for session “ws://seeded.example/feed”');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');

  // Space opens it too; Enter on an item acts: Rename opens the name field.
  await page.keyboard.press(' ');
  await menu.waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByLabel('Session name').waitFor();
  await page.keyboard.press('Escape');

  await openActions(item);
  await page.getByRole('heading', { name: 'Sessions' }).click();
  await menu.waitFor({ state: 'detached' });

  // The grid scrolling (as under a live feed) leaves it open; the list scrolling the ⋯ away closes it.
  await openActions(item);
  await page.getByRole('grid', { name: 'Frames' }).dispatchEvent('scroll');
  assert.ok(await menu.isVisible(), 'still open');
  await page.getByRole('list', { name: 'Sessions' }).dispatchEvent('scroll');
  await menu.waitFor({ state: 'detached' });
});

test('a profile keeps Connect on its entry and the rest behind ⋯; Delete still takes a second click', async () => {
  const page = await env.open();
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Save profile' }).click();
  const item = page.getByRole('list', { name: 'Profiles' }).getByRole('listitem').first();
  await item.getByRole('button', { name: /^Connect with/ }).waitFor();
  assert.equal(await item.getByRole('button', { name: /^Settings of/ }).count(), 0);

  await openActions(item);
  const names = await item.getByRole('menuitem').allTextContents();
  assert.deepEqual(
    names.map((name) => name.trim()),
    ['Open in new tab', 'Rename', 'Copy link', 'Messages', 'Settings', 'Duplicate', 'Delete'],
  );
  await item.getByRole('menuitem', { name: 'Delete' }).click();
  // The first click only asks, and the menu stays open for the answer.
  await item.getByRole('menuitem', { name: 'Confirm delete' }).click();
  await page
    .getByRole('list', { name: 'Profiles' })
    .getByRole('listitem')
    .first()
    .waitFor({ state: 'detached' });
});
