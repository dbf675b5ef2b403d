// @ts-check
/** The small things a new user trips on (issue 16): install on a first visit, errors, focus, shortcuts, memory. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEnvironment } from './harness.js';
import { chooseAction } from './entry-menu.js';

const env = useEnvironment();

test('the Install button appears when Chromium offers installing before the stored data has loaded', async () => {
  const page = await env.open();
  // A stand-in for Chromium's prompt, fired when the page's first script has run to its first await (module
  // scripts run before DOMContentLoaded): the sessions and profiles are still loading then.
  await page.context().addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: async () => void document.documentElement.setAttribute('data-prompted', 'yes'),
        userChoice: Promise.resolve({ outcome: 'accepted' }),
      });
      dispatchEvent(offer);
      document.documentElement.setAttribute('data-offer-taken', String(offer.defaultPrevented));
    });
  });
  await page.reload();
  // The app took the offer (no mini-infobar) and shows its own button.
  assert.equal(await page.locator('html').getAttribute('data-offer-taken'), 'true');
  const install = page.getByRole('button', { name: 'Install', exact: true });
  await install.click();
  await page.locator('html[data-prompted="yes"]').waitFor({ state: 'attached' });
  await install.waitFor({ state: 'detached' });
});

test('a failed import is announced as an alert, a successful one as a status', async () => {
  const page = await env.open();
  const importFile = (/** @type {string} */ name, /** @type {string} */ text) =>
    page.getByLabel('Import', { exact: true }).setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(text),
    });
  await importFile('junk.har', '{"log": {"entries": [');
  await page
    .getByRole('alert')
    .filter({ hasText: /is not valid JSON/ })
    .waitFor();
  assert.equal(
    await page
      .getByRole('status')
      .filter({ hasText: /not valid JSON/ })
      .count(),
    0,
  );

  const native = '{"format":"wsi-session","v":1,"session":{"url":"ws://ok.test/"}}\n';
  await importFile('ok.wsi.jsonl', native);
  await page
    .getByRole('status')
    .filter({ hasText: /Imported 1 session/ })
    .waitFor();
  assert.equal(
    await page
      .getByRole('alert')
      .filter({ hasText: /Imported 1 session/ })
      .count(),
    0,
  );

  await page.getByLabel('Import profiles').setInputFiles({
    name: 'x.json',
    mimeType: 'text/plain',
    buffer: Buffer.from('oops'),
  });
  await page
    .getByRole('alert')
    .filter({ hasText: /^Nothing imported: This file is not JSON/ })
    .waitFor();
});

test('Connect brings the focus to the Message box once open; the close controls and the binary-type hint show only then', async () => {
  const page = await env.open();
  const closeCode = page.getByLabel('Close code');
  assert.equal(await closeCode.count(), 0, 'nothing to close yet');
  const binaryType = page.getByLabel('Binary type');
  assert.equal(await page.getByText('Applies to the next connection').count(), 0);

  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'message');
  await page.keyboard.type('straight away');
  await page.keyboard.press('Control+Enter');
  await page.getByRole('grid', { name: 'Frames' }).getByText('straight away').first().waitFor();

  // While connected: why Binary type cannot change, and the close controls, by their names.
  assert.equal(await binaryType.isDisabled(), true);
  await page.getByText(/^Applies to the next connection/).waitFor();
  assert.match((await binaryType.getAttribute('title')) ?? '', /next connection/);
  await closeCode.fill('4001');
  await page.getByLabel('Close reason').fill('bye');
  await page.getByRole('button', { name: 'Close with code' }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();
  await closeCode.waitFor({ state: 'detached' });
  assert.equal(await page.getByText('Applies to the next connection').count(), 0);
});

test('rename starts from the name shown; Enter or leaving the field saves, Esc cancels', async () => {
  const page = await env.open({ url: `${env.wsUrl}/echo`, connect: '1' });
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  const item = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem').first();
  await item.filter({ hasText: 'closed' }).waitFor();
  const field = page.getByLabel('Session name');

  await chooseAction(item, /^Rename/);
  assert.equal(await field.inputValue(), `${env.wsUrl}/echo`);
  await page.getByText('Enter to save · Esc to cancel').waitFor();
  // Typing replaces the selected name; clicking elsewhere keeps it.
  await page.keyboard.type('echo check');
  await page.getByLabel('URL', { exact: true }).click();
  await item.getByText('echo check', { exact: true }).waitFor();

  await chooseAction(item, /^Rename/);
  assert.equal(await field.inputValue(), 'echo check');
  await field.fill('thrown away');
  await field.press('Escape');
  await field.waitFor({ state: 'detached' });
  await item.getByText('echo check', { exact: true }).waitFor();

  await chooseAction(item, /^Rename/);
  await field.fill('final name');
  await field.press('Enter');
  await item.getByText('final name', { exact: true }).waitFor();
});

test('a reload keeps the bar and the sent messages; Connect again reopens a recorded session', async () => {
  const page = await env.open();
  const url = page.getByLabel('URL', { exact: true });
  const box = page.getByLabel('Message', { exact: true });
  await url.fill(`${env.wsUrl}/protocol-required`);
  await page.getByLabel('Subprotocols').fill('json.v1');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await box.fill('kept for next time');
  await box.press('Control+Enter');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();

  await page.reload();
  assert.equal(await url.inputValue(), `${env.wsUrl}/protocol-required`);
  assert.equal(await page.getByLabel('Subprotocols').inputValue(), 'json.v1');
  await box.press('Alt+ArrowUp');
  assert.equal(await box.inputValue(), 'kept for next time');

  // The bar pointed elsewhere since; the recorded session reconnects with its own URL and subprotocols.
  await url.fill(`${env.wsUrl}/echo`);
  await page.getByLabel('Subprotocols').fill('');
  await page
    .getByRole('list', { name: 'Sessions' })
    .getByRole('listitem')
    .first()
    .getByRole('button')
    .first()
    .click();
  await page
    .getByRole('region', { name: 'Recorded session' })
    .getByRole('button', { name: 'Connect again' })
    .click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  assert.equal(await url.inputValue(), `${env.wsUrl}/protocol-required`);
  assert.equal(await page.getByLabel('Subprotocols').inputValue(), 'json.v1');
});

test('Ctrl+F goes to the filter, Ctrl+L clears the view while recording goes on, ? lists the shortcuts', async () => {
  const page = await env.open({ url: `${env.wsUrl}/echo`, connect: '1' });
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  const box = page.getByLabel('Message', { exact: true });
  const grid = page.getByRole('grid', { name: 'Frames' });
  await box.fill('before the clear');
  await box.press('Control+Enter');
  await grid.getByText('before the clear').first().waitFor();

  await box.press('Control+l');
  await grid.getByText('before the clear').first().waitFor({ state: 'detached' });
  await box.fill('after the clear');
  await box.press('Control+Enter');
  await grid.getByText('after the clear').first().waitFor();
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await grid.getByText('before the clear').first().waitFor();

  await box.press('Control+f');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Filter');

  // A ? typed in a field is text; elsewhere it opens the list.
  await box.type('?');
  assert.equal(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count(), 0);
  await grid.focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.getByText('Clear the view', { exact: false }).waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});
