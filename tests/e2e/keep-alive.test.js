// @ts-check
/**
 * Handshake and keep-alive, and composing in a protocol's format, against real servers
 * (tests/shared/protocol-servers): a Socket.IO server that drops a client missing a pong within a second, graphql-ws
 * and mosquitto. Each server starts once for the file.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGraphqlWsServer } from '../shared/protocol-servers/graphql-ws.js';
import { startMqttServer } from '../shared/protocol-servers/mqtt.js';
import { startSocketIoServer } from '../shared/protocol-servers/socket-io.js';
import { messageCount, rowsOf, useEnvironment } from './harness.js';

const env = useEnvironment();

/** @type {{ close: () => Promise<void> }[]} */
const started = [];
/** Filled in `before`, once the servers listen. */
const urls = { socketIo: '', graphql: '', mqtt: '' };

before(async () => {
  const [socketIo, graphql, mqtt] = await Promise.all([
    startSocketIoServer({ pingInterval: 300, pingTimeout: 1000 }),
    // The default one-second init timeout: only the automatic connection_init keeps the connection.
    startGraphqlWsServer({ pingEveryMs: 300 }),
    startMqttServer(),
  ]);
  started.push(socketIo, graphql, mqtt);
  Object.assign(urls, { socketIo: socketIo.url, graphql: graphql.url, mqtt: mqtt.url });
});

after(async () => {
  await Promise.all(started.map((server) => server.close()));
});

/** @param {import('playwright-core').Page} page */
function connectionState(page) {
  return page.getByRole('status', { name: 'Connection state' });
}

/**
 * Opens the app connected to `url`, offering `protocols`.
 * @param {string} url
 * @param {string} [protocols]
 */
async function connect(url, protocols) {
  const page = await env.open({ url, connect: '1', ...(protocols ? { protocols } : {}) });
  await connectionState(page).filter({ hasText: 'open' }).waitFor();
  return page;
}

/**
 * Composes `description` in the protocol `format` and sends it.
 * @param {import('playwright-core').Page} page
 * @param {string} format
 * @param {object} description
 */
async function compose(page, format, description) {
  await page.getByLabel('Message format').selectOption(format);
  await page.getByLabel('Message', { exact: true }).fill(JSON.stringify(description));
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/**
 * The text of a sent row, as Frame details' Text view shows what went out.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} row
 */
async function sentText(page, row) {
  await row.click();
  const details = page.getByRole('region', { name: 'Frame details' });
  await details.getByRole('button', { name: 'Text', exact: true }).click();

  // The text view's own block, beside its find box: other parts of the details may quote the reply.
  const text = details
    .getByRole('search', { name: 'Search this frame' })
    .locator('xpath=following-sibling::pre[1]');
  return (await text.textContent()) ?? '';
}

test('a Socket.IO connection with a one-second ping timeout stays open for ten seconds, its pongs automatic', async () => {
  const page = await connect(urls.socketIo);
  const automatic = rowsOf(page, 'sent').filter({ hasText: '· automatic' });
  await automatic.first().waitFor();
  // The acceptance criterion is time itself: ten seconds is seven ping timeouts.
  await page.waitForTimeout(10_000);
  assert.match((await connectionState(page).textContent()) ?? '', /open/);
  // Every sent row at the tail is an automatic pong, and there are dozens of them (300 ms pings for 10 s).
  const tail = await rowsOf(page, 'sent').allTextContents();
  assert.ok(tail.length > 5 && tail.every((text) => /pong · automatic$/.test(text)), tail.join('\n'));
  assert.ok((await messageCount(page)) >= 50, `only ${await messageCount(page)} messages`);

  // Stopped, the grid holds still: its first sent message is the automatic join, 40.
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await connectionState(page).filter({ hasText: 'closed' }).waitFor();
  await page.getByRole('grid', { name: 'Frames' }).press('Home');
  const join = rowsOf(page, 'sent').first();
  assert.match((await join.textContent()) ?? '', /· automatic$/);
  assert.equal(await sentText(page, join), '40');
});

test('with Handshake and keep-alive off, the Socket.IO server drops the connection', async () => {
  const page = await env.open({ url: urls.socketIo });
  const checkbox = page.getByRole('checkbox', { name: 'Handshake and keep-alive' });
  assert.equal(await checkbox.isChecked(), true);
  await checkbox.uncheck();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await connectionState(page).filter({ hasText: 'open' }).waitFor();
  await connectionState(page).filter({ hasText: 'closed' }).waitFor({ timeout: 8_000 });
  assert.equal(await rowsOf(page, 'sent').count(), 0);
});

test('a Socket.IO event composed with an ack goes as 42<id>[…] and its ack comes back', async () => {
  const page = await connect(urls.socketIo);
  const box = page.getByLabel('Message', { exact: true });
  await page.getByLabel('Message format').selectOption('Socket.IO');
  await box.fill('{"event":"chat","args":"hi"}');
  await page.getByText(/“args” is an array/).waitFor();
  await box.fill('{"event":"chat",');
  await page.getByText(/Invalid JSON description/).waitFor();

  await compose(page, 'Socket.IO', { event: 'chat', args: ['hi'], ack: true });
  const sent = rowsOf(page, 'sent').filter({ hasText: 'chat' });
  await sent.waitFor();
  assert.equal(await sent.count(), 1, 'the invalid descriptions were not sent');
  assert.match(await sentText(page, sent), /^42(\d+)\["chat","hi"\]$/);
  const id = /^42(\d+)/.exec(await sentText(page, sent))?.[1];
  const ack = rowsOf(page, 'received').filter({ hasText: 'ACK' });
  await ack.waitFor();
  assert.match(await sentText(page, ack), new RegExp(`^43${id}\\[\\{"ok":true,"echo":\\["hi"\\]\\}\\]$`));
});

test('graphql-ws: the automatic connection_init keeps the connection, pings get pongs, a subscription gets next', async () => {
  const page = await connect(urls.graphql, 'graphql-transport-ws');
  await rowsOf(page, 'received').filter({ hasText: 'connection_ack' }).waitFor();
  await rowsOf(page, 'sent').filter({ hasText: 'pong' }).filter({ hasText: '· automatic' }).first().waitFor();
  await compose(page, 'GraphQL', { query: 'subscription { greetings }' });
  for (const greeting of ['Hi', 'Bonjour', 'Hola']) {
    await rowsOf(page, 'received').filter({ hasText: 'next' }).filter({ hasText: greeting }).waitFor();
  }
  assert.match((await connectionState(page).textContent()) ?? '', /open/);
});

test('MQTT: CONNECT goes on open; a composed subscribe then publish brings the PUBLISH back', async () => {
  const page = await connect(urls.mqtt, 'mqtt');
  await rowsOf(page, 'sent').filter({ hasText: 'CONNECT' }).filter({ hasText: '· automatic' }).waitFor();
  await rowsOf(page, 'received').filter({ hasText: 'CONNACK' }).waitFor();
  await compose(page, 'MQTT', { type: 'subscribe', topic: 'wsi/#', qos: 0 });
  await rowsOf(page, 'received').filter({ hasText: 'SUBACK' }).waitFor();
  await compose(page, 'MQTT', { type: 'publish', topic: 'wsi/1', payload: 'hello', qos: 0 });
  await rowsOf(page, 'received').filter({ hasText: 'PUBLISH' }).filter({ hasText: 'wsi/1' }).waitFor();
});
