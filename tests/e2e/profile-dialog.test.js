// @ts-check
/**
 * Issue 16, items 1 and 10: a profile's Settings and Messages open in a modal dialog with room for the variables;
 * "Unknown variable {{x}}" opens where x can be defined; the composer saves its message under a name into the
 * profile in use (or a new one) and lists the saved messages beside History.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { rowsOf, useEnvironment } from './harness.js';
import { chooseAction, openActions } from './entry-menu.js';

const env = useEnvironment();
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** @param {import('playwright-core').Page} page */
const profiles = (page) => page.getByRole('list', { name: 'Profiles' }).getByRole('listitem');

/** The accessible name of the focused element. @param {import('playwright-core').Page} page */
const focusedName = (page) =>
  page.evaluate(() => {
    const focused = document.activeElement;
    return focused?.getAttribute('aria-label') ?? focused?.textContent?.trim() ?? '';
  });

/** @param {import('playwright-core').Page} page */
async function waitUntilOpen(page) {
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
}

test('Settings and Messages open in a modal dialog wide enough for the variables; Esc and Close give the focus back', async () => {
  const page = await env.open();
  // The width the review found the Settings clipped at, in a sidebar strip 240 px wide.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Save profile' }).click();
  const item = profiles(page).first();
  await chooseAction(item, /^Settings of/);

  const dialog = page.getByRole('dialog', { name: /^Settings of .*\/echo$/ });
  await dialog.waitFor();
  assert.equal(await dialog.evaluate((element) => element.matches(':modal')), true);
  const box = await dialog.boundingBox();
  assert.ok(box && box.width >= 560 && box.width <= 720, `the dialog is ${box?.width} px wide`);
  await dialog.getByRole('button', { name: 'Add variable' }).click();
  const value = await dialog.getByLabel('Value of the variable').boundingBox();
  assert.ok(value && value.width >= 200, `a variable's value gets ${value?.width} px`);
  // Every button is on screen, none cut off by the dialog's edge.
  for (const name of ['Add variable', 'Save settings', 'Cancel']) {
    const button = await dialog.getByRole('button', { name, exact: true }).boundingBox();
    assert.ok(button && box, name);
    assert.ok(button.x >= box.x && button.x + button.width <= box.x + box.width, `${name} fits across`);
    assert.ok(button.y + button.height <= 800, `${name} is above the window's bottom`);
  }

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // Back on the ⋯ button its menu item was chosen from (the item itself left with the menu).
  assert.match(await focusedName(page), /^Actions for profile “.*\/echo”$/);

  await chooseAction(item, /^Messages of/);
  const messages = page.getByRole('dialog', { name: /^Messages of .*\/echo$/ });
  await messages.getByText(/Keep messages you send again and again here/).waitFor();
  await messages.getByRole('button', { name: 'Close', exact: true }).click();
  await messages.waitFor({ state: 'detached' });
  assert.match(await focusedName(page), /^Actions for profile “.*\/echo”$/);
});

test('"Unknown variable {{x}}" opens where x is defined: a new profile, the profile in use, the environment', async () => {
  const page = await env.open();
  const { host } = new URL(env.wsUrl);
  await page.getByLabel('URL', { exact: true }).fill('ws://{{server}}/echo');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const serverUnknown = page.getByText(/^Unknown variable \{\{server\}\}/);
  await serverUnknown.waitFor();

  // No profile is in use: a new one is made from the bar, its Settings open on the variable's value.
  await page.getByRole('button', { name: 'Define {{server}} in a new profile' }).click();
  const settings = page.getByRole('dialog', { name: /^Settings of / });
  await settings.waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Value of server');
  assert.equal(await settings.getByLabel('Variable name').inputValue(), 'server');
  await page.keyboard.type(host);
  await page.keyboard.press('Enter');
  await settings.waitFor({ state: 'detached' });
  await serverUnknown.waitFor({ state: 'detached' });

  // The profile is in use now: a message's unknown name is defined in its Settings, beside the one it has.
  const message = page.getByLabel('Message', { exact: true });
  await message.fill('hi {{who}}');
  await page.getByText(/^Unknown variable \{\{who\}\}/).waitFor();
  await page.getByRole('button', { name: /^Define \{\{who\}\} in profile “.*\/echo”$/ }).click();
  await settings.waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Value of who');
  assert.equal(await settings.getByLabel('Value of server').inputValue(), host);
  await page.keyboard.type('ann');
  await page.keyboard.press('Enter');
  await settings.waitFor({ state: 'detached' });

  // With an environment chosen, the name can go there instead: its editor opens on a new row for it.
  await page.getByRole('button', { name: 'Edit environments' }).click();
  await page.getByLabel('New environment name').fill('dev');
  await page.getByRole('button', { name: 'Add environment' }).click();
  const environment = page.getByRole('form', { name: 'Environment dev' });
  await environment.getByRole('button', { name: 'Close' }).click();
  await environment.waitFor({ state: 'detached' });
  await message.fill('hi {{who}} at {{place}}');
  await page.getByRole('button', { name: /^Define \{\{place\}\} in profile / }).waitFor();
  await page.getByRole('button', { name: 'Define {{place}} in environment “dev”' }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Value of place');
  await page.keyboard.type('home');
  await environment.getByRole('button', { name: 'Save environment' }).click();
  await page.getByText(/^Unknown variable \{\{place\}\}/).waitFor({ state: 'detached' });

  // A connection takes its variables when it opens: every name is defined now, and the message goes out whole.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await waitUntilOpen(page);
  await message.press('Control+Enter');
  await rowsOf(page, 'received').filter({ hasText: 'hi ann at home' }).waitFor();
});

test('the composer saves its message under a name into the profile in use, and lists saved messages beside History', async () => {
  const page = await env.open();
  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await waitUntilOpen(page);
  const message = page.getByLabel('Message', { exact: true });
  const body = '{"type":"hello","n":{{$seq}}}';
  await page.getByLabel('Message format').selectOption('json');
  await message.fill(body);

  // Named after what the message does; Esc cancels and saves nothing.
  const save = page.getByRole('button', { name: 'Save message', exact: true });
  await save.click();
  const name = page.getByRole('textbox', { name: 'Saved message name' });
  assert.equal(await name.inputValue(), 'hello');
  assert.equal(await focusedName(page), 'Saved message name');
  await page.getByText(/^No profile in use: saving makes one from the connection bar/).waitFor();
  await page.keyboard.press('Escape');
  await name.waitFor({ state: 'detached' });
  assert.equal(await focusedName(page), 'Save message');
  assert.equal(await profiles(page).count(), 0);

  // Enter saves, into a new profile of this URL: saved messages live in profiles.
  await save.click();
  await name.fill('greeting');
  await name.press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: /^Saved “greeting” in the new profile “.*\/echo”\.$/ })
    .waitFor();
  await openActions(profiles(page));
  await profiles(page)
    .getByRole('menuitem', { name: /^Messages of/ })
    .filter({ hasText: '(1)' })
    .waitFor();
  await page.keyboard.press('Escape');

  // Listed beside History: choosing one puts it in the box, with its format.
  await message.fill('something else');
  await page.getByLabel('Message format').selectOption('text');
  const saved = page.getByRole('combobox', { name: 'Saved messages' });
  await saved.selectOption({ label: 'greeting · JSON' });
  assert.equal(await message.inputValue(), body);
  assert.equal(await page.getByLabel('Message format').inputValue(), 'json');

  // The profile is in use now: the next save goes into it, under a name it does not hold yet.
  await save.click();
  await page.getByText(/^Into profile “.*\/echo”/).waitFor();
  assert.equal(await name.inputValue(), 'hello');
  await name.press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: /^Saved “hello” in profile / })
    .waitFor();
  await saved.locator('option', { hasText: 'Saved (2)' }).waitFor({ state: 'attached' });
  assert.equal(await profiles(page).count(), 1);

  await chooseAction(profiles(page), /^Messages of/);
  const dialog = page.getByRole('dialog', { name: /^Messages of/ });
  // The dialog's code loads on first use: wait for its list before reading it whole.
  await dialog.locator('ol li .name').nth(1).waitFor();
  assert.deepEqual(await dialog.locator('ol li .name').allTextContents(), ['greeting', 'hello']);
});

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`axe-core finds nothing serious in the Settings dialog and the Save message form, ${colorScheme} theme`, async () => {
    const page = await env.open();
    await page.emulateMedia({ colorScheme });
    await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo?token={{token}}`);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByLabel('Message', { exact: true }).fill('{"op":"ping"}');
    await page.getByRole('button', { name: 'Save message', exact: true }).click();
    await page.getByRole('textbox', { name: 'Saved message name' }).waitFor();
    await chooseAction(profiles(page).first(), /^Settings of/);
    const dialog = page.getByRole('dialog', { name: /^Settings of / });
    await dialog.getByRole('button', { name: 'Add variable' }).click();
    await dialog.getByLabel('Variable name').fill('token');
    await dialog.getByLabel('secret').check();
    await page.evaluate(await axeSource);
    const serious = await page.evaluate(async () => {
      const results = await /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] });
      return /** @type {{ id: string, impact: string, nodes: { target: string[] }[] }[]} */ (
        results.violations
      )
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
    });
    assert.deepEqual(serious, []);
  });
}
