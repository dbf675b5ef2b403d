// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

test('a text message goes to /echo and comes back, both shown in the grid', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Message', { exact: true }).fill('hello, sandbox');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);

  const grid = page.getByRole('grid', { name: 'Frames' });
  await grid.getByRole('row').filter({ hasText: 'received' }).filter({ hasText: 'hello, sandbox' }).waitFor();
  assert.equal(
    await grid.getByRole('row').filter({ hasText: 'sent' }).filter({ hasText: 'hello, sandbox' }).count(),
    1,
  );
});

test('Ctrl+Enter sends, and Alt+Up recalls the message sent before', async () => {
  const page = await openConnected(env, '/echo');
  const box = page.getByLabel('Message', { exact: true });
  await box.fill('first');
  await box.press('Control+Enter');
  await waitForMessageCount(page, 2);
  await box.fill('');
  await box.press('Alt+ArrowUp');
  assert.equal(await box.inputValue(), 'first');
});

test('the negotiated subprotocol is shown', async () => {
  const page = await openConnected(env, '/echo', { protocols: 'nope.v9, json.v1, chat.v1' });
  const details = page.getByRole('region', { name: 'Connection details' });
  await details.getByText('json.v1').waitFor();
  const openRow = page.getByRole('grid', { name: 'Frames' }).getByRole('row').filter({ hasText: 'open' });
  assert.match((await openRow.textContent()) ?? '', /subprotocol json\.v1/);
});

test('invalid JSON says where it fails and is not sent; valid JSON is', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Message format').selectOption('JSON');
  const box = page.getByLabel('Message', { exact: true });
  await box.fill('{"a": 1,\n "b": }');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(/Invalid JSON\. Line 2, column \d+/).waitFor();

  await box.fill('{"type":"ping","id":7}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);

  // The received JSON is shown as a tree, built from text.
  await page.getByRole('grid', { name: 'Frames' }).getByRole('row').filter({ hasText: 'received' }).click();
  const details = page.getByRole('region', { name: 'Frame details' });
  await details.getByText('"ping"').waitFor();
  // Decoded as JSON, the decoded view is shown first.
  assert.equal(
    await details.getByRole('button', { name: 'Decoded', exact: true }).getAttribute('aria-pressed'),
    'true',
  );
});

test('hex and base64 messages go as one binary message each, with the right bytes', async () => {
  const page = await openConnected(env, '/echo');
  const box = page.getByLabel('Message', { exact: true });
  await page.getByLabel('Message format').selectOption('Hex');
  await box.fill('de ad be ef');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByLabel('Message format').selectOption('Base64');
  await box.fill('AAEC/w==');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 4);

  const rows = page.getByRole('grid', { name: 'Frames' }).getByRole('row').filter({ hasText: 'received' });
  assert.match((await rows.nth(0).textContent()) ?? '', /4 B binary: de ad be ef/);
  assert.match((await rows.nth(1).textContent()) ?? '', /4 B binary: 00 01 02 ff/);

  await box.fill('not base64!');
  await page.getByText(/Not valid base64/).waitFor();
});

test('a file goes as one binary message', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Send file').setInputFiles({
    name: 'three.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from([1, 2, 3]),
  });
  await waitForMessageCount(page, 2);
  const received = page
    .getByRole('grid', { name: 'Frames' })
    .getByRole('row')
    .filter({ hasText: 'received' });
  assert.match((await received.textContent()) ?? '', /3 B binary: 01 02 03/);
});

test('variables are filled in when sent, and the recorded frame holds what went out', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Message format').selectOption('JSON');
  const box = page.getByLabel('Message', { exact: true });
  await box.fill('{"n":{{$seq}},"t":{{$timestamp}},"id":"{{$uuid}}"}');
  await box.press('Control+Enter');
  await box.press('Control+Enter');
  await waitForMessageCount(page, 4);
  const sent = page.getByRole('grid', { name: 'Frames' }).getByRole('row').filter({ hasText: 'sent' });
  assert.match((await sent.nth(0).textContent()) ?? '', /\{"n":1,"t":\d{13},"id":"[0-9a-f-]{36}"\}/);
  assert.match((await sent.nth(1).textContent()) ?? '', /\{"n":2,/);

  await box.fill('{"token":"{{token}}"}');
  await page.getByText(/^Unknown variable \{\{token\}\}/).waitFor();
  await box.press('Control+Enter');
  assert.equal(await box.inputValue(), '{"token":"{{token}}"}');
  // A message sent after it arrives, and the refused one never went out before it.
  await box.fill('{"after":true}');
  await box.press('Control+Enter');
  await waitForMessageCount(page, 6);
  assert.equal(await sent.filter({ hasText: 'token' }).count(), 0);
});
