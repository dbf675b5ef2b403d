// @ts-check
/**
 * Hostile or unlucky data meeting the UI (security review L2 and L6): duplicate keys from an imported or old
 * stored profile must not crash the editors, and the secrets a connection filled in stay off the screen while the
 * export keeps its own rules.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { openExportMenu, useEnvironment, waitForMessageCount } from './harness.js';
import { chooseAction } from './entry-menu.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const profiles = (page) => page.getByRole('list', { name: 'Profiles' }).getByRole('listitem');
/** @param {import('playwright-core').Page} page */
const sessions = (page) => page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');

/** Two messages with one id and two variables with one invalid name: what L2's repro imports. */
const DUPLICATES = {
  url: 'ws://127.0.0.1:9/',
  protocols: '',
  binaryType: 'arraybuffer',
  variables: [
    { name: '1bad', value: 'a', secret: false },
    { name: '1bad', value: 'b', secret: false },
  ],
  messages: [
    { id: 'same', name: 'first', format: 'text', body: 'one', sendOnOpen: false },
    { id: 'same', name: 'second', format: 'text', body: 'two', sendOnOpen: false },
  ],
  notes: '',
  reconnect: false,
};

/**
 * Opens a profile's Messages, then its Settings, and checks both lists as they render.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {number} problems how many "cannot be a variable name" alerts the Settings should show
 */
async function openEditors(page, name, problems) {
  const item = profiles(page).filter({ hasText: name });
  await chooseAction(item, /^Messages of/);
  // While an editor is open it stands in the item's place, the name only in its accessible name.
  const editor = page.getByRole('region', { name: `Messages of ${name}` });
  await editor.getByRole('listitem').nth(1).waitFor();
  assert.deepEqual(await editor.getByRole('listitem').locator('.name').allTextContents(), [
    'first',
    'second',
  ]);
  await editor.getByRole('button', { name: 'Close', exact: true }).click();

  await chooseAction(item, /^Settings of/);
  const settings = page.getByRole('form', { name: `Settings of ${name}` });
  await settings.getByRole('button', { name: 'Add variable' }).waitFor();
  const alerts = settings.getByRole('alert').filter({ hasText: /cannot be a variable name/ });
  if (problems > 0) await alerts.nth(problems - 1).waitFor();
  assert.equal(await alerts.count(), problems);
  return settings;
}

test('duplicate message ids and variable names, imported, stored earlier or typed, do not crash the editors', async () => {
  const page = await env.open();
  const file = { format: 'wsi-profiles', v: 1, profiles: [{ name: 'Imported twins', ...DUPLICATES }] };
  await page.getByLabel('Import profiles').setInputFiles({
    name: 'twins.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await page
    .getByRole('status')
    .filter({ hasText: /^Imported 1 profile/ })
    .waitFor();
  // The importer leaves out names {{…}} cannot refer to; a person typing them gets one alert per row.
  const settings = await openEditors(page, 'Imported twins', 0);
  for (let i = 0; i < 2; i++) {
    await settings.getByRole('button', { name: 'Add variable' }).click();
    await settings.getByLabel('Variable name').nth(i).fill('1bad');
  }
  await settings
    .getByRole('alert')
    .filter({ hasText: /cannot be a variable name/ })
    .nth(1)
    .waitFor();
  await settings.getByRole('button', { name: 'Cancel' }).click();

  // A profile stored before imports gave fresh ids and checked names holds the duplicates as they came.
  await page.evaluate(
    async (profile) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('wsi-profiles', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('profiles');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise((resolve, reject) => {
        const tx = /** @type {IDBDatabase} */ (db).transaction('profiles', 'readwrite');
        tx.objectStore('profiles').put(profile, profile.id);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      /** @type {IDBDatabase} */ (db).close();
    },
    { id: 'stored-twins', name: 'Stored twins', createdAt: 1, lastUsedAt: 1, ...DUPLICATES },
  );
  await page.reload();
  await openEditors(page, 'Stored twins', 2);
});

test('a secret filled into the URL is masked in the Sessions list, Connection details and the note row, not in an export with secrets', async () => {
  const page = await env.open();
  const { host } = new URL(env.wsUrl);
  const secret = 's3cret-t0ken';
  // `token` is a credential by its name; `room` is not, so only the recorded secret can mask it.
  await page.getByLabel('URL', { exact: true }).fill('ws://{{server}}/echo?token={{token}}&room={{token}}');
  await page.getByRole('button', { name: 'Save profile' }).click();
  const item = profiles(page).first();
  await chooseAction(item, /^Settings of/);
  /** @type {[string, string, boolean][]} */
  const variables = [
    ['server', host, false],
    ['token', secret, true],
  ];
  for (const [index, [name, value, isSecret]] of variables.entries()) {
    await item.getByRole('button', { name: 'Add variable' }).click();
    await item.getByLabel('Variable name').nth(index).fill(name);
    await item.getByLabel('Value of', { exact: false }).nth(index).fill(value);
    if (isSecret) await item.getByLabel('secret').nth(index).check();
  }
  await item.getByRole('button', { name: 'Save settings' }).click();
  await item.getByRole('button', { name: /^Connect with/ }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await page.getByLabel('Message', { exact: true }).fill('hello');
  await page.getByLabel('Message', { exact: true }).press('Control+Enter');
  await waitForMessageCount(page, 2);

  const masked = `ws://${host}/echo?token=•••&room=•••`;
  const details = page.getByRole('region', { name: 'Connection details' });
  await details.getByText(masked, { exact: true }).waitFor();
  const note = page
    .getByRole('grid', { name: 'Frames' })
    .getByRole('row')
    .filter({ hasText: 'Connecting to' });
  await note.filter({ hasText: masked }).waitFor();
  const listed = sessions(page).first();
  await listed.getByText(masked, { exact: true }).waitFor();
  for (const [where, locator] of /** @type {const} */ ([
    ['Connection details', details],
    ['the note row', note],
    ['the Sessions list', listed],
  ])) {
    assert.ok(!((await locator.textContent()) ?? '').includes(secret), `${where} shows the secret`);
  }

  // Storage keeps what was recorded: an export that includes secrets still has the URL as connected.
  await openExportMenu(page);
  await page.getByRole('region', { name: 'Export and share' }).getByLabel('Include secrets').check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export session' }).click(),
  ]);
  const exported = await readFile(/** @type {string} */ (await download.path()), 'utf8');
  assert.ok(
    exported.includes(`echo?token=${secret}&room=${secret}`),
    'the export with secrets has the real URL',
  );
  assert.ok(!exported.includes('•••'), 'the screen mask never reaches a file');

  // Reopened from storage, the recorded session's summary masks it too.
  await page.reload();
  await sessions(page).first().getByRole('button').first().click();
  const summary = page.getByRole('region', { name: 'Recorded session' });
  await summary.getByText(masked, { exact: true }).waitFor();
  assert.ok(!((await summary.textContent()) ?? '').includes(secret));
});
