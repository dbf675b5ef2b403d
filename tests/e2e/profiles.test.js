// @ts-check
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { useEnvironment, waitForMessageCount } from './harness.js';
import { chooseAction } from './entry-menu.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const profiles = (page) => page.getByRole('list', { name: 'Profiles' }).getByRole('listitem');

test('a saved profile survives a reload, fills the bar when activated, and connects in one click', async () => {
  const page = await env.open();
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByLabel('Subprotocols').fill('json.v1, chat.v1');
  await page.getByLabel('Binary type').selectOption('blob');
  await page.getByRole('button', { name: 'Save profile' }).click();
  const host = new URL(env.wsUrl).host;
  await profiles(page)
    .filter({ hasText: `${host}/echo` })
    .waitFor();
  // The tab keeps its bar over a reload (tabs.test.js): set back, the bar is seen to be filled by the profile.
  await page.getByLabel('URL', { exact: true }).fill('ws://localhost:8787/echo');
  await page.getByLabel('Subprotocols').fill('');
  await page.getByLabel('Binary type').selectOption('arraybuffer');

  await page.reload();
  await profiles(page).first().waitFor();
  assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), 'ws://localhost:8787/echo');
  await profiles(page).first().getByRole('button').first().click();
  assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), `${env.wsUrl}/echo`);
  assert.equal(await page.getByLabel('Subprotocols').inputValue(), 'json.v1, chat.v1');
  assert.equal(await page.getByLabel('Binary type').inputValue(), 'blob');

  await page.getByLabel('URL', { exact: true }).fill('ws://elsewhere.invalid/');
  await profiles(page)
    .first()
    .getByRole('button', { name: /^Connect with/ })
    .click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await page.getByRole('region', { name: 'Connection details' }).getByText('json.v1').waitFor();
});

test('profiles can be renamed, duplicated, searched and deleted; a name stays text', async () => {
  const page = await env.open();
  await page.getByRole('button', { name: 'Save profile' }).click();
  const first = profiles(page).first();
  await chooseAction(first, /^Rename/);
  const payload = '<img src=x onerror="window.__xss=1">';
  await page.getByLabel('Profile name').fill(payload);
  await page.getByLabel('Profile name').press('Enter');
  await first.getByText(payload, { exact: true }).waitFor();

  for (let i = 0; i < 3; i++) await chooseAction(profiles(page).first(), /^Duplicate/);
  await profiles(page).nth(3).waitFor();
  await page.getByLabel('Search profiles').fill('nothing like this');
  assert.equal(await profiles(page).count(), 0);
  await page.getByLabel('Search profiles').fill('IMG');
  assert.equal(await profiles(page).count(), 4);
  await page.getByLabel('Search profiles').fill('');

  await chooseAction(profiles(page).first(), 'Delete');
  await profiles(page).first().getByRole('menuitem', { name: 'Confirm delete' }).click();
  await page.waitForFunction(
    () => document.querySelectorAll('[aria-labelledby="profiles-heading"] li').length === 3,
  );
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__xss), undefined);
  assert.equal(await page.locator('#app img').count(), 0);
});

test("a profile's variables fill in the URL, subprotocols and messages; secrets are masked", async () => {
  const page = await env.open();
  const { host } = new URL(env.wsUrl);
  await page.getByLabel('URL', { exact: true }).fill('ws://{{server}}/echo?token={{token}}');
  await page.getByLabel('Subprotocols').fill('{{proto}}');
  await page.getByRole('button', { name: 'Save profile' }).click();
  const item = profiles(page).first();
  await chooseAction(item, /^Settings of/);

  /** @type {[string, string, boolean][]} */
  const variables = [
    ['server', host, false],
    ['token', 's3cret-t0ken', true],
    ['proto', 'json.v1', false],
  ];
  for (const [index, [name, value, secret]] of variables.entries()) {
    await item.getByRole('button', { name: 'Add variable' }).click();
    await item.getByLabel('Variable name').nth(index).fill(name);
    await item.getByLabel('Value of', { exact: false }).nth(index).fill(value);
    if (secret) await item.getByLabel('secret').nth(index).check();
  }
  assert.equal(await item.getByLabel('Value of token').getAttribute('type'), 'password');
  await item.getByRole('button', { name: 'Save settings' }).click();

  await item.getByRole('button', { name: /^Connect with/ }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  const details = page.getByRole('region', { name: 'Connection details' });
  // Connected with the secret filled in, shown masked (security review L6).
  await details.getByText(`ws://${host}/echo?token=•••`).waitFor();
  await details.getByText('json.v1').waitFor();

  await page.getByLabel('Message', { exact: true }).fill('auth {{token}}');
  await page.getByLabel('Message', { exact: true }).press('Control+Enter');
  await page
    .getByRole('grid', { name: 'Frames' })
    .getByRole('row')
    .filter({ hasText: 'received' })
    .filter({ hasText: 'auth s3cret-t0ken' })
    .waitFor();

  // Survives a reload, with the secret still masked.
  await page.reload();
  await chooseAction(profiles(page).first(), /^Settings of/);
  assert.equal(await profiles(page).first().getByLabel('Value of token').getAttribute('type'), 'password');
  assert.equal(await profiles(page).first().getByLabel('Value of token').inputValue(), 's3cret-t0ken');
});

test('a name that cannot be a variable is refused, and an unknown one blocks connecting', async () => {
  const page = await env.open();
  await page.getByLabel('URL', { exact: true }).fill('ws://{{missing}}/');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByText(/^Unknown variable \{\{missing\}\}/).waitFor();
  assert.match((await page.getByRole('status', { name: 'Connection state' }).textContent()) ?? '', /closed/);

  await page.getByRole('button', { name: 'Save profile' }).click();
  const item = profiles(page).first();
  await chooseAction(item, /^Settings of/);
  await item.getByRole('button', { name: 'Add variable' }).click();
  await item.getByLabel('Variable name').fill('2 bad');
  await item.getByText(/“2 bad” cannot be a variable name/).waitFor();
  await item.getByRole('button', { name: 'Save settings' }).click();
  await item.getByText(/“2 bad” cannot be a variable name/).waitFor();
});

test('saved messages send in one click with variables filled in, reorder, edit, and go out on open', async () => {
  const page = await env.open();
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Save profile' }).click();
  const item = profiles(page).first();
  const box = page.getByLabel('Message', { exact: true });

  const names = () => item.locator('ol li .name').allTextContents();
  // Saving writes to storage first: wait for the list to show the change before reading it.
  /** @param {number} index @param {string} name */
  const nameAt = (index, name) =>
    item
      .locator('ol li .name')
      .nth(index)
      .filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  // The Messages editor is a modal dialog: the page behind it waits until it closes.
  await box.fill('{"op":"login","n":{{$seq}}}');
  await chooseAction(item, /^Messages of/);
  await item.getByRole('button', { name: 'Save the message being written' }).click();
  await nameAt(0, '{"op":"login","n":{{$seq}}}').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await box.fill('{"op":"subscribe"}');
  await chooseAction(item, /^Messages of/);
  await item.getByRole('button', { name: 'Save the message being written' }).click();
  await nameAt(1, '{"op":"subscribe"}').waitFor();
  assert.deepEqual(await names(), ['{"op":"login","n":{{$seq}}}', '{"op":"subscribe"}']);

  await item.getByRole('button', { name: 'Move {"op":"subscribe"} up' }).click();
  // Rows are keyed by position: until the move is shown, the button found as "Edit subscribe" may become login's.
  await nameAt(0, '{"op":"subscribe"}').waitFor();
  await item.getByRole('button', { name: 'Edit {"op":"subscribe"}' }).click();
  await item.getByLabel('Message name').fill('subscribe');
  await item.getByRole('button', { name: 'Save message' }).click();
  await nameAt(0, 'subscribe').waitFor();
  assert.deepEqual(await names(), ['subscribe', '{"op":"login","n":{{$seq}}}']);
  await item.getByRole('checkbox').first().check();
  await item.getByRole('checkbox').nth(1).check();

  // Connecting with the profile sends both, in list order, right after the open event.
  await item.getByRole('button', { name: 'Close' }).click();
  await item.getByRole('button', { name: /^Connect with/ }).click();
  await waitForMessageCount(page, 4);
  const rows = page.getByRole('grid', { name: 'Frames' }).getByRole('row');
  const texts = (await rows.allTextContents()).slice(1);
  assert.match(texts[1] ?? '', /open/);
  assert.match(texts[2] ?? '', /sent.*\{"op":"subscribe"\}/);
  assert.match(texts[3] ?? '', /sent.*\{"op":"login","n":2\}/);

  // And one click sends one again.
  await chooseAction(item, /^Messages of/);
  await item.getByRole('button', { name: 'Send subscribe' }).click();
  await waitForMessageCount(page, 6);

  await page.reload();
  await chooseAction(profiles(page).first(), /^Messages of/);
  // The dialog's code loads on first use after the reload: wait for its list before reading it whole.
  await profiles(page).first().locator('ol li .name').nth(1).waitFor();
  assert.deepEqual(await profiles(page).first().locator('ol li .name').allTextContents(), [
    'subscribe',
    '{"op":"login","n":{{$seq}}}',
  ]);
});

test('profiles export without secrets unless asked, import back, import Insomnia, and link without secrets', async () => {
  const page = await env.open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByLabel('URL', { exact: true }).fill('wss://prices.example/stream?token={{token}}');
  await page.getByRole('button', { name: 'Save profile' }).click();
  const item = profiles(page).first();
  await chooseAction(item, /^Settings of/);
  await item.getByRole('button', { name: 'Add variable' }).click();
  await item.getByLabel('Variable name').fill('token');
  await item.getByLabel('Value of token').fill('s3cret-t0ken');
  await item.getByLabel('secret').check();
  await item.getByRole('button', { name: 'Save settings' }).click();

  /** @returns {Promise<string>} */
  const exported = async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export profiles' }).click(),
    ]);
    return readFile(/** @type {string} */ (await download.path()), 'utf8');
  };
  const safe = await exported();
  assert.ok(!safe.includes('s3cret-t0ken'), 'the secret stayed out of the export');
  assert.deepEqual(JSON.parse(safe).redacted, ['token']);
  await page.getByLabel('include secrets').check();
  await page.getByRole('alert').filter({ hasText: 'secret variables' }).waitFor();
  assert.ok((await exported()).includes('s3cret-t0ken'));

  await page.getByLabel('Import profiles').setInputFiles({
    name: 'profiles.json',
    mimeType: 'application/json',
    buffer: Buffer.from(safe),
  });
  await page.getByRole('status').filter({ hasText: 'Imported 1 profile from WS Inspector.' }).waitFor();
  assert.equal(await profiles(page).filter({ hasText: 'prices.example/stream' }).count(), 2);

  await page
    .getByLabel('Import profiles')
    .setInputFiles(new URL('./fixtures/insomnia-v4.json', import.meta.url).pathname);
  await page.getByRole('status').filter({ hasText: 'Imported 1 profile from Insomnia.' }).waitFor();
  const insomnia = profiles(page).filter({ hasText: 'Prices stream' });
  await chooseAction(insomnia, /^Messages of/);
  await page.getByRole('region', { name: 'Messages of Prices stream' }).getByText('Subscribe BTC').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await page
    .getByLabel('Import profiles')
    .setInputFiles({ name: 'x.json', mimeType: 'text/plain', buffer: Buffer.from('oops') });
  await page
    .getByRole('alert')
    .filter({ hasText: /^Nothing imported: This file is not JSON/ })
    .waitFor();

  await chooseAction(item, /^Copy link to/);
  await item.getByText(/^Link copied/).waitFor();
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  // The profile travels in the fragment, which browsers never send to a server.
  assert.equal(link.search, '');
  assert.equal(
    new URLSearchParams(link.hash.slice(1)).get('url'),
    'wss://prices.example/stream?token={{token}}',
  );
  assert.ok(!link.href.includes('s3cret'));
});

test('a profile that reconnects connects again after the server drops it, until told to stop', async () => {
  const page = await env.open();
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/drop`);
  await page.getByRole('button', { name: 'Save profile' }).click();
  const item = profiles(page).first();
  await chooseAction(item, /^Settings of/);
  await item.getByLabel('Notes').fill('drops every connection');
  await item.getByLabel('Reconnect after an unexpected close').check();
  await item.getByRole('button', { name: 'Save settings' }).click();

  await item.getByRole('button', { name: /^Connect with/ }).click();
  // Each connection is dropped (1006) and a new one, a new session, follows by itself.
  const dropped = page
    .getByRole('list', { name: 'Sessions' })
    .getByRole('listitem')
    .filter({ hasText: '/drop' });
  await dropped.nth(1).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /Reconnecting at .* \(attempt \d\)/ })
    .waitFor();
  await page.getByRole('button', { name: 'Cancel reconnecting' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /Reconnecting at/ })
    .waitFor({ state: 'detached' });

  // Closing by hand never reconnects.
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();
  assert.equal(
    await page
      .getByRole('status')
      .filter({ hasText: /Reconnecting at/ })
      .count(),
    0,
  );
});
