// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowsOf, useEnvironment, waitForMessageCount } from './harness.js';
import { chooseAction } from './entry-menu.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const sessions = (page) => page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');

/**
 * Records a closed session on a sandbox path: connect, wait for `count` messages, disconnect.
 * @param {import('playwright-core').Page} page
 * @param {string} path
 * @param {number} count
 */
async function record(page, path, count) {
  await page.getByLabel('URL', { exact: true }).fill(env.wsUrl + path);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  // Once open, the grid shows the new session, not the count of the one before.
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await waitForMessageCount(page, count);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await sessions(page).first().filter({ hasText: 'closed' }).waitFor();
}

test('sessions are listed newest first with their counts, status and the storage they use', async () => {
  const page = await env.open();
  await record(page, '/stream?count=3', 3);
  await record(page, '/binary', 3);

  await sessions(page).nth(1).filter({ hasText: 'count=3' }).waitFor();
  const newest = sessions(page).first();
  assert.match((await newest.textContent()) ?? '', /\/binary.*closed.*↑ 0 ↓ 3 · 418 B/s);
  assert.match(
    (await page.getByLabel('Storage').textContent()) ?? '',
    /used ·\s+(persistent|not persistent)/,
  );

  // Opening the older one shows it read-only; the composer cannot send into it.
  await sessions(page).nth(1).getByRole('button').first().click();
  await page
    .getByRole('region', { name: 'Recorded session' })
    .getByText(/read-only/)
    .waitFor();
  await waitForMessageCount(page, 3);
  await rowsOf(page, 'received').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled(), true);
});

test('a session can be renamed, and deleted only on a second click', async () => {
  const page = await env.open();
  await record(page, '/stream?count=2', 2);
  const item = sessions(page).first();

  await chooseAction(item, /^Rename/);
  await page.getByLabel('Session name').fill('<b>quotes</b> feed');
  await page.getByLabel('Session name').press('Enter');
  await item.getByText('<b>quotes</b> feed', { exact: true }).waitFor();

  await page.reload();
  await sessions(page).first().getByText('<b>quotes</b> feed', { exact: true }).waitFor();
  await chooseAction(sessions(page).first(), 'Delete');
  assert.equal(await sessions(page).count(), 1, 'one click only asks');
  await sessions(page).first().getByRole('menuitem', { name: 'Confirm delete' }).click();
  await page.getByText(/Every connection is recorded here/).waitFor();
  assert.equal(await sessions(page).count(), 0);

  // Gone from storage too, frames and all.
  await page.reload();
  await page.getByText(/Every connection is recorded here/).waitFor();
  const frameKeys = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('wsi-frames');
        open.onsuccess = () => {
          const request = open.result.transaction('frames').objectStore('frames').count();
          request.onsuccess = () => resolve(request.result);
        };
      }),
  );
  assert.equal(frameKeys, 0);
});

test('delete all asks once more, then empties the list', async () => {
  const page = await env.open();
  await record(page, '/stream?count=1', 1);
  await record(page, '/stream?count=2', 2);
  await sessions(page).nth(1).waitFor();
  await page.getByRole('button', { name: 'Delete all sessions' }).click();
  await page.getByRole('button', { name: 'Confirm: delete 2 sessions' }).click();
  await page.getByText(/Every connection is recorded here/).waitFor();
  assert.equal(await sessions(page).count(), 0);
});

test('an older session opened while connected offers the way back to the live one', async () => {
  const page = await env.open();
  await record(page, '/stream?count=3', 3);
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await page.getByLabel('Message', { exact: true }).fill('live one');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);

  await sessions(page).filter({ hasText: 'count=3' }).getByRole('button').first().click();
  await waitForMessageCount(page, 3);
  await page.getByRole('button', { name: 'Back to live session' }).click();
  await waitForMessageCount(page, 2);
  await page.getByRole('region', { name: 'Recorded session' }).waitFor({ state: 'detached' });
  assert.ok(await page.getByRole('button', { name: 'Send', exact: true }).isEnabled());
});
