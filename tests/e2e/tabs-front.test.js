// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, rowsOf, useEnvironment } from './harness.js';

/**
 * Bringing a tab to the front mounts again only what shows that tab (ui/tabs/FrontTab.svelte): the tab strip and the
 * sidebar stay, and follow the tab in front.
 */
const env = useEnvironment();

/**
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} name
 */
function tab(page, name) {
  return page.getByRole('tablist', { name: 'Connections' }).getByRole('tab', { name });
}

/** @param {import('playwright-core').Page} page */
function currentSession(page) {
  return page.getByRole('list', { name: 'Sessions' }).locator('[aria-current="true"]');
}

test('the sidebar keeps its own state across tab switches and marks the front tab’s session', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByRole('textbox', { name: 'URL' }).fill(`${env.wsUrl}/chat?name=dora`);
  await page.getByRole('textbox', { name: 'Subprotocols' }).fill('chat.v1');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await currentSession(page).filter({ hasText: 'name=dora' }).waitFor();

  // Ticked in the sidebar (its own state, not a tab's), kept while the tabs change: the sidebar is not mounted again.
  const secrets = page.getByRole('checkbox', { name: 'include secrets' });
  await secrets.check();
  await tab(page, /echo/).click();
  await currentSession(page).filter({ hasText: '/echo' }).waitFor();
  assert.equal(await currentSession(page).count(), 1);
  assert.equal(await secrets.isChecked(), true);
  // The regions showing the tab are the echo tab's: its bar, and its grid without the chat's join.
  assert.equal(await page.getByRole('textbox', { name: 'URL' }).inputValue(), `${env.wsUrl}/echo`);
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  assert.equal(await rowsOf(page, 'received').filter({ hasText: '"type":"join"' }).count(), 0);

  await tab(page, /name=dora/).click();
  await currentSession(page).filter({ hasText: 'name=dora' }).waitFor();
  await rowsOf(page, 'received').filter({ hasText: '"type":"join","name":"dora"' }).waitFor();
  assert.equal(await secrets.isChecked(), true);
});

test('Delete on a tab closes it, and the neighbour brought to the front takes the focus', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByRole('textbox', { name: 'URL' }).fill(`${env.wsUrl}/chat?name=erin`);
  await tab(page, /name=erin/).focus();
  await page.keyboard.press('Delete');
  await tab(page, /echo/).and(page.locator('[aria-selected="true"]')).waitFor();
  assert.equal(await page.getByRole('tab').count(), 1);
  assert.equal(await tab(page, /echo/).evaluate((element) => element === document.activeElement), true);
  assert.equal(await page.getByRole('textbox', { name: 'URL' }).inputValue(), `${env.wsUrl}/echo`);
});
