// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEnvironment } from './harness.js';
import { chooseAction } from './entry-menu.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const profiles = (page) => page.getByRole('list', { name: 'Profiles' }).getByRole('listitem');

/**
 * Adds an environment with one variable through the editor (it becomes the active one).
 * @param {import('playwright-core').Page} page @param {string} name @param {string} variable
 * @param {string} value @param {boolean} secret
 */
async function addEnvironment(page, name, variable, value, secret = false) {
  await page.getByLabel('New environment name').fill(name);
  await page.getByRole('button', { name: 'Add environment' }).click();
  const form = page.getByRole('form', { name: `Environment ${name}` });
  await form.getByRole('button', { name: 'Add variable' }).click();
  await form.getByLabel('Variable name').fill(variable);
  await form.getByLabel(`Value of ${variable}`).fill(value);
  if (secret) await form.getByLabel('secret').check();
  await form.getByRole('button', { name: 'Save environment' }).click();
}

test('one profile follows the environment chosen: dev and staging resolve and connect to their own host', async () => {
  const page = await env.open();
  const { port } = new URL(env.wsUrl);
  const environment = page.getByRole('combobox', { name: 'Environment' });
  await page.getByRole('button', { name: 'Edit environments' }).click();
  await addEnvironment(page, 'staging', 'host', `localhost:${port}`);
  await addEnvironment(page, 'dev', 'host', new URL(env.wsUrl).host);
  await page
    .getByRole('form', { name: 'Environment dev' })
    .getByRole('button', { name: 'Add variable' })
    .click();
  await addEnvironmentSecret(page);
  assert.equal(await environment.locator('option:checked').textContent(), 'dev');
  await page.getByRole('form', { name: 'Environment dev' }).getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('URL', { exact: true }).fill('ws://{{host}}/echo?key={{key}}');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await profiles(page).first().getByRole('button').first().click();
  const resolved = page.getByRole('status', { name: 'Resolved URL' });
  // The secret is masked on screen.
  await resolved.filter({ hasText: `ws://${new URL(env.wsUrl).host}/echo?key=•••` }).waitFor();

  await profiles(page)
    .first()
    .getByRole('button', { name: /^Connect with/ })
    .click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  const details = page.getByRole('region', { name: 'Connection details' });
  await details.getByText(`ws://${new URL(env.wsUrl).host}/echo?key=•••`).waitFor();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();

  // One click switches every profile to staging's host; staging has no key, so the profile pins one itself.
  await environment.selectOption({ label: 'staging' });
  await resolved.filter({ hasText: /Unknown variable .*\{\{key\}\}/ }).waitFor();
  const item = profiles(page).first();
  await chooseAction(item, /^Settings of/);
  await item.getByRole('button', { name: 'Add variable' }).click();
  await item.getByLabel('Variable name').fill('key');
  await item.getByLabel('Value of key').fill('own');
  await item.getByRole('button', { name: 'Save settings' }).click();
  // `key` is masked on screen by its credential-like name, even as the profile's own plain variable.
  await resolved.filter({ hasText: `ws://localhost:${port}/echo?key=•••` }).waitFor();
  await item.getByRole('button', { name: /^Connect with/ }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await details.getByText(`ws://localhost:${port}/echo?key=•••`).waitFor();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();

  // Back in dev, the host is dev's again but the profile's own key wins over dev's secret one.
  await environment.selectOption({ label: 'dev' });
  await resolved.filter({ hasText: `ws://${new URL(env.wsUrl).host}/echo?key=•••` }).waitFor();
  await item.getByRole('button', { name: /^Connect with/ }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await details.getByText(`ws://${new URL(env.wsUrl).host}/echo?key=•••`).waitFor();
  await page.getByLabel('Message', { exact: true }).fill('key is {{key}}');
  await page.getByLabel('Message', { exact: true }).press('Control+Enter');
  await page
    .getByRole('grid', { name: 'Frames' })
    .getByRole('row')
    .filter({ hasText: 'received' })
    .filter({ hasText: 'key is own' })
    .waitFor();

  // The choice survives a reload.
  await page.reload();
  await page.getByRole('combobox', { name: 'Environment' }).waitFor();
  // An option is never "visible" to Playwright: read the select's choice instead.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('select')].some((select) => select.selectedOptions[0]?.text === 'dev'),
  );
});

/** Adds the secret `key` to the dev environment being edited. @param {import('playwright-core').Page} page */
async function addEnvironmentSecret(page) {
  const form = page.getByRole('form', { name: 'Environment dev' });
  await form.getByLabel('Variable name').nth(1).fill('key');
  await form.getByLabel('Value of key').fill('dev-s3cret');
  await form.getByLabel('secret').nth(1).check();
  assert.equal(await form.getByLabel('Value of key').getAttribute('type'), 'password');
  await form.getByRole('button', { name: 'Save environment' }).click();
}

test('profiles group by folder, and the search finds them by name, URL or folder', async () => {
  const page = await env.open();
  for (const path of ['orders', 'prices', 'chat']) {
    await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/${path}`);
    await page.getByRole('button', { name: 'Save profile' }).click();
  }
  await profiles(page).nth(2).waitFor();
  /** @type {[string, string][]} */
  const folders = [
    ['orders', 'Payments'],
    ['prices', 'Payments'],
  ];
  for (const [path, folder] of folders) {
    await chooseAction(
      profiles(page).filter({ hasText: `/${path}` }),
      new RegExp(`^Settings of .*/${path}$`),
    );
    const settings = page.getByRole('form', { name: new RegExp(`^Settings of .*/${path}$`) });
    await settings.getByLabel('Folder').fill(folder);
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await page
      .getByRole('list', { name: 'Folder Payments' })
      .getByRole('listitem')
      .filter({ hasText: `/${path}` })
      .waitFor();
  }
  assert.equal(await page.getByRole('list', { name: 'Folder Payments' }).getByRole('listitem').count(), 2);
  assert.equal(await page.getByRole('list', { name: 'Folder No folder' }).getByRole('listitem').count(), 1);
  assert.equal(await profiles(page).count(), 3);

  const search = page.getByLabel('Search profiles');
  await search.fill('payments');
  assert.equal(await profiles(page).count(), 2);
  await search.fill('chat');
  assert.equal(await profiles(page).count(), 1);
  await search.fill('nothing like this');
  assert.equal(await profiles(page).count(), 0);
});
