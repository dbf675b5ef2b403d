// @ts-check
/** The sandbox's protocol paths, each driven by a real client of its protocol, behind the sandbox's own checks. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client as StompClient } from '@stomp/stompjs';
import { createClient } from 'graphql-ws';
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { startSandbox } from '../../sandbox/server.js';
import { closeOf, connect, inboxOf, open } from './helpers.js';

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
/** @type {string} */
let base;

before(async () => {
  sandbox = await startSandbox({ port: 0, limits: { maxPerPath: 2 } });
  base = `ws://127.0.0.1:${sandbox.port}`;
});
after(() => sandbox.close());

test('/socket.io: chat comes back, and is acknowledged when asked, on / and on /admin', async () => {
  for (const namespace of ['/', '/admin']) {
    const socket = io(`http://127.0.0.1:${sandbox.port}${namespace}`, { transports: ['websocket'] });
    try {
      const echoed = new Promise((resolve) => socket.once('chat', (...args) => resolve(args)));
      const ack = await socket.timeout(5000).emitWithAck('chat', 'hi', { n: 1 });
      assert.deepEqual(ack, { ok: true, echo: ['hi', { n: 1 }] }, namespace);
      assert.deepEqual(await echoed, ['hi', { n: 1 }], namespace);
    } finally {
      socket.close();
    }
  }
});

test('/graphql: the query answers and the subscription ticks to its end', async () => {
  const client = createClient({ url: `${base}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const answers = [];
    for await (const result of client.iterate({ query: '{ hello }' })) answers.push(result);
    assert.deepEqual(answers, [{ data: { hello: 'world' } }]);
    const ticks = [];
    for await (const result of client.iterate({ query: 'subscription { count(to: 3, every: 5) }' }))
      ticks.push(result.data?.count);
    assert.deepEqual(ticks, [1, 2, 3]);
  } finally {
    await client.dispose();
  }
});

test('/json-rpc: add answers by id, and subscribe sends its notifications', async () => {
  const ws = await open(`${base}/json-rpc`);
  const inbox = inboxOf(ws);
  const next = async () => JSON.parse(String((await inbox.next()).data));
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'add', params: [2, 3] }));
  assert.deepEqual(await next(), { jsonrpc: '2.0', id: 7, result: 5 });
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'subscribe', params: { count: 2, every: 5 } }));
  const { result: subscription } = await next();
  assert.match(subscription, /^sub-\d+$/);
  for (const n of [1, 2]) {
    assert.deepEqual(await next(), {
      jsonrpc: '2.0',
      method: 'subscription',
      params: { subscription, result: n },
    });
  }
  ws.close();
});

test('/stomp: a message sent to a destination reaches its subscriber (@stomp/stompjs over v12.stomp)', async () => {
  const client = new StompClient({
    webSocketFactory: () => new WebSocket(`${base}/stomp`, ['v12.stomp']),
    reconnectDelay: 0,
  });
  const connected = new Promise((resolve, reject) => {
    client.onConnect = resolve;
    client.onStompError = (frame) => reject(new Error(frame.headers['message']));
  });
  client.activate();
  try {
    const frame = /** @type {import('@stomp/stompjs').IFrame} */ (await connected);
    assert.equal(frame.headers['version'], '1.2');
    const received = new Promise((resolve) => client.subscribe('/topic/demo', resolve));
    client.publish({ destination: '/topic/demo', body: 'hello' });
    const message = /** @type {import('@stomp/stompjs').IMessage} */ (await received);
    assert.equal(message.body, 'hello');
  } finally {
    await client.deactivate();
  }
});

test('/sockjs: the session opens with o, and a message comes back in a[…]', async () => {
  const ws = await open(`${base}/sockjs/000/abcdefgh/websocket`);
  const inbox = inboxOf(ws);
  assert.equal(String((await inbox.next()).data), 'o');
  ws.send(JSON.stringify(['hi']));
  assert.equal(String((await inbox.next()).data), 'a["hi"]');
  ws.close();
});

test('a protocol path keeps the sandbox checks: origins, the path cap, unknown paths', async () => {
  const foreign = await connect(`${base}/socket.io/?EIO=4&transport=websocket`, {
    origin: 'https://evil.example',
  });
  assert.ok('status' in foreign && foreign.status === 403);
  // /stomp's destinations are shared, like /chat's room: another local page may not read them.
  const local = await connect(`${base}/stomp`, { origin: 'http://localhost:5999', protocols: ['v12.stomp'] });
  assert.ok('status' in local && local.status === 403, 'a local page read /stomp');
  const graphql = await open(`${base}/graphql`, {
    origin: 'http://localhost:5999',
    protocols: ['graphql-transport-ws'],
  });
  graphql.close();

  const held = [await open(`${base}/json-rpc`), await open(`${base}/json-rpc`)];
  const third = await connect(`${base}/json-rpc`);
  assert.ok('status' in third, 'a third connection passed a cap of two');
  assert.equal(third.status, 503);
  assert.match(third.body, /allows 2 connections on \/json-rpc/);
  await Promise.all(held.map((ws) => (ws.close(), closeOf(ws))));

  const missing = await connect(`${base}/graphqlx`);
  assert.ok('status' in missing && missing.status === 404);
});
