// @ts-check
/**
 * Protocol decoding against real servers (tests/shared/protocol-servers): the app detects the protocol, names it
 * in the Decoder status with the reason, shows decoded previews, pairs requests with replies in Frame details, and
 * `Decode as` None shows frames as they are. Each server starts once for the file.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGraphqlWsServer } from '../shared/protocol-servers/graphql-ws.js';
import { startJsonRpcServer } from '../shared/protocol-servers/json-rpc.js';
import { startMqttServer } from '../shared/protocol-servers/mqtt.js';
import { startSockJsServer } from '../shared/protocol-servers/sockjs.js';
import { startSocketIoServer } from '../shared/protocol-servers/socket-io.js';
import { startStompServer } from '../shared/protocol-servers/stomp.js';
import { rowsOf, useEnvironment } from './harness.js';

const env = useEnvironment();

/** @type {{ url: string, close: () => Promise<void> }[]} */
const started = [];
/** @type {Record<string, string>} */
const urls = {};

before(async () => {
  const servers = {
    socketIo: startSocketIoServer(),
    jsonRpc: startJsonRpcServer(),
    // Time enough for a page to open before connection_init is due.
    graphql: startGraphqlWsServer({ connectionInitWaitTimeout: 30_000 }),
    mqtt: startMqttServer(),
    sockjs: startSockJsServer(),
    stomp: startStompServer({ heartBeat: [0, 0] }),
  };
  for (const [name, starting] of Object.entries(servers)) {
    const server = await starting;
    started.push(server);
    urls[name] = server.url;
  }
});

after(async () => {
  await Promise.all(started.map((server) => server.close()));
});

/**
 * Opens the app connected to `url`, offering `protocols`.
 * @param {string} url
 * @param {string} [protocols]
 */
async function connect(url, protocols) {
  const page = await env.open({ url, connect: '1', ...(protocols ? { protocols } : {}) });
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  return page;
}

/**
 * Sends a message as typed, in the composer's `format` (Text, Hex…).
 * @param {import('playwright-core').Page} page
 * @param {string} body
 * @param {string} [format]
 */
async function send(page, body, format = 'Text') {
  await page.getByLabel('Message format').selectOption(format);
  await page.getByLabel('Message', { exact: true }).fill(body);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

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
 * The seq a row shows in its first cell.
 * @param {import('playwright-core').Locator} row
 */
async function seqOf(row) {
  return Number(await row.getAttribute('aria-rowindex')) - 2;
}

/**
 * Selects a row and returns Frame details once its Decoded view is shown.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} row
 */
async function details(page, row) {
  await row.click();
  const region = page.getByRole('region', { name: 'Frame details' });
  const decoded = region.getByRole('button', { name: 'Decoded', exact: true });
  await decoded.waitFor();
  assert.equal(await decoded.getAttribute('aria-pressed'), 'true');
  return region;
}

/** @param {import('playwright-core').Page} page */
const decoderStatus = (page) => page.getByRole('status', { name: 'Decoder' });

test('Socket.IO: found by its URL, events and acks decoded and paired, None shows the raw packets', async () => {
  const page = await connect(urls.socketIo ?? '');
  await decoderStatus(page).filter({ hasText: 'Socket.IO, from the URL' }).waitFor();
  await rowMatching(page, 'received', /^.*open sid /);
  // The keep-alive engine may have sent CONNECT already; the server needs it exactly once.
  // Handshake and keep-alive (on by default) opens the protocol's session; the test only waits for it.
  await rowMatching(page, 'sent', /CONNECT/);
  await rowMatching(page, 'received', /CONNECT/);

  await send(page, '421["chat","hi"]');
  const event = await rowMatching(page, 'sent', /EVENT chat/);
  const echoed = await rowMatching(page, 'received', /EVENT chat/);
  assert.match((await echoed.textContent()) ?? '', /EVENT chat \["hi"\]/);
  const ack = await rowMatching(page, 'received', /^.*ACK/);
  const [eventSeq, ackSeq] = [await seqOf(event), await seqOf(ack)];

  const asked = await details(page, event);
  await asked.getByText(new RegExp(`answered by #${ackSeq} in [\\d.]+ ms`)).waitFor();
  const answered = await details(page, ack);
  await answered.getByText(new RegExp(`^ACK: answers #${eventSeq} in [\\d.]+ ms$`)).waitFor();

  // None: frames as they are, nothing decoded.
  await page.getByRole('combobox', { name: 'Decode as' }).selectOption('None');
  await decoderStatus(page)
    .filter({ hasText: /^none$/ })
    .waitFor();
  await rowMatching(page, 'received', /^.*42\["chat","hi"\]/);
  assert.equal(await rowsOf(page, 'received').filter({ hasText: 'EVENT chat' }).count(), 0);
  // And back: Auto decodes again.
  await page.getByRole('combobox', { name: 'Decode as' }).selectOption('Auto');
  await rowMatching(page, 'received', /EVENT chat/);
});

test('JSON-RPC: found by its first frame, results paired with their calls', async () => {
  const page = await connect(urls.jsonRpc ?? '');
  await send(page, '{"jsonrpc":"2.0","id":1,"method":"add","params":[2,3]}');
  await decoderStatus(page).filter({ hasText: 'JSON-RPC, from the first frames' }).waitFor();
  const call = await rowMatching(page, 'sent', /^.*add/);
  const result = await rowMatching(page, 'received', /result/);
  assert.match((await result.textContent()) ?? '', /result/);
  const asked = await details(page, call);
  await asked.getByText(new RegExp(`answered by #${await seqOf(result)} in`)).waitFor();

  // A call nobody answers: `log` is a notification, so a request with an unknown id… is answered with an error;
  // an id the server never sees does not exist, so send a notification and check it pairs with nothing.
  await send(page, '{"jsonrpc":"2.0","method":"log","params":["x"]}');
  const note = await rowMatching(page, 'sent', /log/);
  const noted = await details(page, note);
  assert.equal(await noted.getByText(/answered by|unanswered/).count(), 0);
});

test('GraphQL over WebSocket: found by the subprotocol, a subscription’s items answer it', async () => {
  const page = await connect(urls.graphql ?? '', 'graphql-transport-ws');
  await decoderStatus(page).filter({ hasText: 'GraphQL over WebSocket, from the subprotocol' }).waitFor();
  await rowMatching(page, 'sent', /connection_init/);
  await rowMatching(page, 'received', /connection_ack/);
  await send(page, '{"id":"1","type":"subscribe","payload":{"query":"subscription { greetings }"}}');
  const subscribe = await rowMatching(page, 'sent', /subscribe 1/);
  const first = await rowMatching(page, 'received', /^.*next 1/);
  await rowMatching(page, 'received', /complete 1/);
  const asked = await details(page, subscribe);
  await asked.getByText(new RegExp(`answered by #${await seqOf(first)} in`)).waitFor();
  const item = await details(page, first);
  await item.getByText(new RegExp(`answers #${await seqOf(subscribe)} in`)).waitFor();
});

test('MQTT: found by the subprotocol, binary packets decoded, CONNECT answered by CONNACK', async () => {
  const page = await connect(urls.mqtt ?? '', 'mqtt');
  await decoderStatus(page).filter({ hasText: 'MQTT, from the subprotocol' }).waitFor();
  await rowMatching(page, 'sent', /CONNECT/);
  const connack = await rowMatching(page, 'received', /CONNACK/);
  const connectRow = await rowMatching(page, 'sent', /CONNECT/);
  const answered = await details(page, connack);
  await answered.getByText(new RegExp(`answers #${await seqOf(connectRow)} in`)).waitFor();
});

test('SockJS and STOMP: SockJS by its URL, STOMP by its subprotocol', async () => {
  const sockjs = await connect(urls.sockjs ?? '');
  await decoderStatus(sockjs).filter({ hasText: 'SockJS, from the URL' }).waitFor();
  await rowMatching(sockjs, 'received', /open/);

  const stomp = await connect(urls.stomp ?? '', 'v12.stomp');
  await decoderStatus(stomp).filter({ hasText: 'STOMP, from the subprotocol' }).waitFor();
  await rowMatching(stomp, 'sent', /CONNECT/);
  const connected = await rowMatching(stomp, 'received', /CONNECTED/);
  await send(stomp, 'SUBSCRIBE\nid:0\ndestination:/queue/a\nreceipt:r1\n\n\0');
  await rowMatching(stomp, 'received', /RECEIPT/);
  await send(stomp, 'SEND\ndestination:/queue/a\n\nhello\0');
  await rowMatching(stomp, 'received', /MESSAGE/);
  const shown = await details(stomp, connected);
  await shown.getByText(/answers #\d+ in/).waitFor();
});
