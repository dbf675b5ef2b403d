// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  messageCount,
  openConnected,
  openSeeded,
  row,
  useEnvironment,
  waitForMessageCount,
} from './harness.js';
import { shownCount } from '../shared/probes.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
function sessionsList(page) {
  return page.getByRole('list', { name: 'Sessions' });
}

/**
 * Opens a listed session: its first button is the one that opens it.
 * @param {import('playwright-core').Locator} item
 */
function openSession(item) {
  return item.getByRole('button').first().click();
}

/**
 * Waits until the live session has saved at least `count` records.
 * @param {import('playwright-core').Page} page
 * @param {number} count
 */
async function waitForSaved(page, count) {
  await page.waitForFunction(shownCount, { label: 'Saved records', least: count });
}

test('a 5,000-frame stream survives a reload with its exact count', async () => {
  const page = await openConnected(env, '/stream?count=5000');
  await waitForMessageCount(page, 5000);
  await page.goto(env.appUrl);

  const item = sessionsList(page).getByRole('listitem').first();
  await item.getByText('↑ 0 ↓ 5,000').waitFor();
  await openSession(item);
  await waitForMessageCount(page, 5000);
  const grid = page.getByRole('grid', { name: 'Frames' });
  await grid.press('End');
  await row(page, 5001).filter({ hasText: '"seq":4999' }).waitFor();
  await grid.press('Home');
  await row(page, 0).filter({ hasText: 'Connecting to' }).waitFor();
  // The connection was still open when the page went away: the recording was interrupted, not closed.
  await page
    .getByRole('region', { name: 'Recorded session' })
    .getByText(/interrupted/)
    .first()
    .waitFor();
});

test('a tab that crashes mid-stream leaves its session interrupted, with every frame saved before', async () => {
  const page = await openConnected(env, '/stream?count=10000000&rate=5000');
  await page.waitForFunction(shownCount, { least: 2001 });
  const seen = await messageCount(page);
  await waitForSaved(page, seen);
  const cdp = await page.context().newCDPSession(page);
  // The command never answers: the renderer it would answer from is gone.
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => {});
  await crashed;

  const after = await page.context().newPage();
  await after.goto(env.appUrl);
  const item = sessionsList(after).getByRole('listitem').filter({ hasText: 'interrupted' });
  await item.waitFor();
  await openSession(item);
  const summary = after.getByRole('region', { name: 'Recorded session' });
  const notice = ((await summary.getByRole('note').textContent()) ?? '').replace(/\s+/g, ' ');
  assert.match(notice, /at most the last \d+ ms before that moment may be missing/);
  await after.waitForFunction(shownCount, {});
  const saved = await messageCount(after);
  assert.ok(saved >= seen, `saved ${saved} of the ${seen} frames seen before the crash`);
});

test('two tabs recording at once keep their own sessions whole', async () => {
  const first = await openConnected(env, '/stream?count=3000&size=300');
  const second = await first.context().newPage();
  await second.goto(
    `${env.appUrl}?${new URLSearchParams({ url: `${env.wsUrl}/stream?count=2000&size=200`, connect: '1' })}`,
  );
  await Promise.all([waitForMessageCount(first, 3000), waitForMessageCount(second, 2000)]);

  // The second tab, opened while the first was recording, did not take its session for an interrupted one.
  const third = await first.context().newPage();
  await third.goto(env.appUrl);
  const items = sessionsList(third).getByRole('listitem');
  await items.filter({ hasText: 'size=300' }).filter({ hasText: '↓ 3,000 ·' }).waitFor();
  await items.filter({ hasText: 'size=200' }).filter({ hasText: '↓ 2,000 ·' }).waitFor();
  assert.equal(await items.filter({ hasText: 'interrupted' }).count(), 0);

  /** @type {[number, number][]} */
  const streams = [
    [300, 3000],
    [200, 2000],
  ];
  for (const [size, count] of streams) {
    await openSession(items.filter({ hasText: `size=${size}` }));
    await waitForMessageCount(third, count);
    await third.getByRole('grid', { name: 'Frames' }).press('End');
    await row(third, count + 1)
      .filter({ hasText: `"seq":${count - 1}` })
      .waitFor();
  }
});

test('a full disk: recording goes on in memory, the user is told, and nothing stored is harmed', async () => {
  const page = await env.open();
  const origin = new URL(env.appUrl).origin;
  const cdp = await page.context().newCDPSession(page);
  // Room for a small session, not for 6 MB. (Chromium applies the override to databases opened after it.)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1.5 * 1024 * 1024 });
  // A first, small session that must survive untouched.
  await page.goto(
    `${env.appUrl}?${new URLSearchParams({ url: `${env.wsUrl}/stream?count=100`, connect: '1' })}`,
  );
  await waitForMessageCount(page, 100);
  await waitForSaved(page, 102);

  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/stream?count=600&size=10000`);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await waitForMessageCount(page, 600);
  await page.getByRole('alert').filter({ hasText: 'Storage is full.' }).waitFor();
  // Every frame is still there to see.
  await page.getByRole('grid', { name: 'Frames' }).press('End');
  await row(page, 601).waitFor();

  // The earlier session is intact.
  const other = await page.context().newPage();
  await other.goto(env.appUrl);
  const earlier = sessionsList(other).getByRole('listitem').filter({ hasText: 'count=100' });
  await openSession(earlier);
  await waitForMessageCount(other, 100);
  await other.close();

  // Room again: saving resumes and every frame reaches storage.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.getByRole('button', { name: 'Retry saving' }).click();
  await page.getByRole('alert').filter({ hasText: 'Storage is full.' }).waitFor({ state: 'detached' });
  await waitForSaved(page, 602);
  await page.goto(env.appUrl);
  await sessionsList(page).getByRole('listitem').filter({ hasText: '↓ 600' }).waitFor();
});

test('a 1,000,000-frame session reopens and scrolls to its first and last frames', async () => {
  const page = await openSeeded(env, 1_000_000);
  const grid = page.getByRole('grid', { name: 'Frames' });
  await grid.press('End');
  await row(page, 999_999).filter({ hasText: '"seq":999999' }).waitFor();
  await grid.press('Home');
  await row(page, 0).filter({ hasText: '"seq":0,' }).waitFor();
  await grid.press('PageDown');
  await row(page, 10).filter({ hasText: '"seq":10,' }).waitFor();
});
