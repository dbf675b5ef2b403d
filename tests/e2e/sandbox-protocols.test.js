// @ts-check
/**
 * The app against the sandbox's protocol paths (sandbox/protocols), as a newcomer tries them: Socket.IO decoded
 * at once, the frames Handshake and keep-alive sent marked as automatic in the grid and in Frame details, and
 * `Decode as` deciding what the keep-alive speaks (against a Socket.IO server that pings every 300 ms).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSocketIoServer } from '../shared/protocol-servers/socket-io.js';
import { openConnected, rowsOf, useEnvironment } from './harness.js';

const env = useEnvironment();

const SOCKET_IO = '/socket.io/?EIO=4&transport=websocket';

/** @type {Awaited<ReturnType<typeof startSocketIoServer>> | undefined} */
let quick;
before(async () => {
  // Drops a client that misses a pong for 2.5 s: a loaded machine's page still answers in time.
  quick = await startSocketIoServer({ pingInterval: 300, pingTimeout: 2500 });
});
after(() => quick?.close());

/**
 * The first row going `direction` whose preview matches `pattern`, once there is one.
 * @param {import('playwright-core').Page} page
 * @param {'sent' | 'received'} direction
 * @param {RegExp} pattern
 */
async function rowMatching(page, direction, pattern) {
  const found = rowsOf(page, direction).filter({ hasText: pattern }).first();
  await found.waitFor();
  return found;
}

/**
 * Sends a message as typed, as text.
 * @param {import('playwright-core').Page} page
 * @param {string} body
 */
async function sendText(page, body) {
  await page.getByLabel('Message format').selectOption('Text');
  await page.getByLabel('Message', { exact: true }).fill(body);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/**
 * Frame details' header once `row` is selected.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} row
 */
async function detailsHeader(page, row) {
  // A row's aria-rowindex counts the header row and starts at 1; seqs start at 0.
  const seq = Number(await row.getAttribute('aria-rowindex')) - 2;
  await row.click();
  const header = page.getByRole('region', { name: 'Frame details' }).locator('header');
  await header.filter({ hasText: new RegExp(`^#${seq} `) }).waitFor();
  return header;
}

test('the sandbox Socket.IO path: the handshake is made for the user and a chat event comes back decoded', async () => {
  const page = await openConnected(env, SOCKET_IO);
  await page.getByRole('status', { name: 'Decoder' }).filter({ hasText: 'Socket.IO' }).waitFor();
  await rowMatching(page, 'received', /CONNECT/);
  await sendText(page, '42["chat","hello sandbox"]');
  const echoed = await rowMatching(page, 'received', /^.*EVENT chat/);
  assert.match((await echoed.textContent()) ?? '', /EVENT chat \["hello sandbox"\]/);
});

test('a frame Handshake and keep-alive sent says so in the grid and in Frame details; one the user sent does not', async () => {
  const page = await openConnected(env, SOCKET_IO);
  const automatic = await rowMatching(page, 'sent', /CONNECT/);
  assert.match((await automatic.textContent()) ?? '', /· automatic/);
  const header = await detailsHeader(page, automatic);
  await header.filter({ hasText: 'Sent by: the app, automatically' }).waitFor();

  await sendText(page, '42["chat","mine"]');
  const mine = await rowMatching(page, 'sent', /EVENT chat/);
  assert.doesNotMatch((await mine.textContent()) ?? '', /automatic/);
  const own = await detailsHeader(page, mine);
  assert.doesNotMatch((await own.textContent()) ?? '', /Sent by/);
});

test('Decode as None stops answering Socket.IO pings at once, and the server drops the connection', async () => {
  const page = await env.open({ url: quick?.url ?? '', connect: '1' });
  const state = page.getByRole('status', { name: 'Connection state' });
  await state.filter({ hasText: 'open' }).waitFor();
  // Answering: the server's pings get automatic pongs, and the connection outlives its ping timeout.
  await rowsOf(page, 'sent')
    .filter({ hasText: /pong · automatic$/ })
    .nth(6)
    .waitFor();
  assert.match((await state.textContent()) ?? '', /open/);
  await page.getByRole('combobox', { name: 'Decode as' }).selectOption('None');
  await state.filter({ hasText: /closed/ }).waitFor({ timeout: 10_000 });
});
