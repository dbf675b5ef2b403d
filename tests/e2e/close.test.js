// @ts-check
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { openConnected, rowsOf, useEnvironment } from './harness.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
async function waitUntilClosed(page, state = 'closed') {
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: state }).waitFor();
  return page.getByRole('region', { name: 'Connection details' });
}

test('the client closes with a chosen code and reason; the server echoes them back', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Close code').fill('4321');
  await page.getByLabel('Close reason').fill('done testing ✓');
  await page.getByLabel('Close reason').press('Enter');
  const details = await waitUntilClosed(page);
  await details.getByText('4321', { exact: true }).waitFor();
  await details.getByText('done testing ✓').waitFor();
  await details.getByText('Private use').waitFor();
  assert.match((await rowsOf(page, 'close').textContent()) ?? '', /4321 “done testing ✓” — clean/);
});

test('a close code the page may not send, or a reason over 123 bytes, is refused before close()', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Close code').fill('1006');
  await page.getByRole('button', { name: 'Close with code' }).click();
  await page.getByText(/only close with 1000 or a code from 3000 to 4999/).waitFor();

  await page.getByLabel('Close code').fill('1000');
  await page.getByLabel('Close reason').fill('é'.repeat(62));
  await page.getByRole('button', { name: 'Close with code' }).click();
  await page.getByText('The reason is 124 bytes in UTF-8; the limit is 123.').waitFor();
  assert.match((await page.getByRole('status', { name: 'Connection state' }).textContent()) ?? '', /open/);
});

test('Disconnect closes with 1000', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  const details = await waitUntilClosed(page);
  await details.getByText(/^1000: Normal closure/).waitFor();
  await page.getByRole('button', { name: 'Connect', exact: true }).waitFor();
});

test('the server closes with the code and reason it was asked for', async () => {
  const page = await env.open({ url: `${env.wsUrl}/close?code=4001&reason=bye%20now`, connect: '1' });
  const details = await waitUntilClosed(page);
  await details.getByText('4001', { exact: true }).waitFor();
  await details.getByText('bye now').waitFor();
  await rowsOf(page, 'received').filter({ hasText: 'Closing with code 4001' }).waitFor();
});

test('/drop ends in 1006, explained as a connection dropped after opening', async () => {
  const page = await env.open({ url: `${env.wsUrl}/drop`, connect: '1' });
  const details = await waitUntilClosed(page);
  await details.getByText(/1006: Dropped after opening/).waitFor();
  assert.equal(await details.getByText(/handshake never completed/).count(), 0);
  assert.equal(await details.getByText('no', { exact: true }).count(), 1, 'wasClean is shown as no');
  assert.equal(await rowsOf(page, 'received').count(), 1);
});

test('a refused connection is failed, not closed, and says the handshake never completed', async () => {
  const port = await unusedPort();
  const page = await env.open({ url: `ws://127.0.0.1:${port}/`, connect: '1' });
  const details = await waitUntilClosed(page, 'failed');
  await details.getByText(/1006: The handshake never completed/).waitFor();
  await details.getByText(/DevTools \(F12\)/).waitFor();
  await rowsOf(page, 'error').waitFor();
  assert.equal(await rowsOf(page, 'open').count(), 0);
  // Nothing more will come: there is nothing to pause.
  assert.equal(await page.getByRole('button', { name: 'Pause', exact: true }).count(), 0);
});

test('a handshake refused for want of a subprotocol fails, pointing to Subprotocols; offering one opens', async () => {
  const refused = await env.open({ url: `${env.wsUrl}/protocol-required`, connect: '1' });
  const failed = await waitUntilClosed(refused, 'failed');
  await failed.getByText(/1006: The handshake never completed.*list it in Subprotocols\./).waitFor();

  const page = await openConnected(env, '/protocol-required', { protocols: 'chat.v1' });
  await page.getByRole('region', { name: 'Connection details' }).getByText('chat.v1').waitFor();
});

/** A port nothing listens on: bound, read, released. */
async function unusedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  return port;
}
