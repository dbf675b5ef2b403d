// @ts-check
/** Every cap refuses with a code and a reason a person can act on, and what the suites and the bench ask passes. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LIMITS, startSandbox } from '../../sandbox/server.js';
import { MiB, closeOf, connect, inboxOf, open } from './helpers.js';

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
/** @type {string} */
let base;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  base = `ws://127.0.0.1:${sandbox.port}`;
});
after(() => sandbox.close());

test('a message over the payload cap closes the connection with 1009', async () => {
  /** @type {[string, number][]} */
  const caps = [
    ['/echo', LIMITS.maxPayload],
    ['/chat', LIMITS.maxChatPayload],
  ];
  for (const [path, cap] of caps) {
    const ws = await open(base + path);
    const closed = closeOf(ws);
    ws.send(Buffer.alloc(cap + 1));
    assert.equal((await closed).code, 1009, path);
  }
});

test('a message at the payload cap is echoed whole', async () => {
  const ws = await open(`${base}/echo`);
  ws.send(Buffer.alloc(LIMITS.maxPayload, 7));
  const { data } = await inboxOf(ws).next();
  assert.equal(data.length, LIMITS.maxPayload);
  ws.close();
});

test('a /stream request over a cap is closed with 1008 and a reason naming the cap', async () => {
  /** @type {[string, RegExp][]} */
  const refused = [
    [`/stream?rate=1000000&size=${64 * MiB}`, /rate must be a whole number from 0 to 100000/],
    [`/stream?size=${64 * MiB + 1}`, /size must be a whole number from 0 to 67108864/],
    [`/stream?size=${64 * MiB}`, /count × size is 6,400 MiB; one request may ask for at most 1,024 MiB/],
    ['/stream?count=abc', /count must be a whole number/],
    ['/stream?count=-1', /count must be a whole number/],
  ];
  for (const [path, reason] of refused) {
    const ws = await open(base + path);
    const closed = await closeOf(ws);
    assert.equal(closed.code, 1008, path);
    assert.match(closed.reason, reason, path);
    assert.ok(Buffer.byteLength(closed.reason) <= 123);
  }
});

test('what the browser suites and the bench stream is still served', async () => {
  // The largest frame (e2e binary.test.js), an endless stream (recording.test.js), the bench's biggest case.
  /** @type {[string, number | undefined][]} */
  const served = [
    [`/stream?count=1&binary=1&size=${50 * MiB}`, 50 * MiB],
    ['/stream?count=10000000&rate=5000', undefined],
    ['/stream?count=2000&size=65536&binary=1', 65_536],
    ['/stream?count=300000&rate=20000&size=100', 100],
  ];
  for (const [path, size] of served) {
    const ws = await open(base + path);
    const { data } = await inboxOf(ws).next();
    if (size !== undefined) assert.equal(data.length, size, path);
    else assert.equal(JSON.parse(data.toString()).seq, 0);
    ws.close();
    await closeOf(ws);
  }
});

test('connections past a path cap are closed with 1008, past the server cap refused with 503', async () => {
  const small = await startSandbox({ port: 0, limits: { maxConnections: 3, maxPerPath: 2 } });
  const url = `ws://127.0.0.1:${small.port}`;
  try {
    await open(`${url}/echo`);
    await open(`${url}/echo`);
    const third = await open(`${url}/echo`);
    const refused = await closeOf(third);
    assert.equal(refused.code, 1008);
    assert.match(refused.reason, /allows 2 connections on \/echo/);

    await open(`${url}/binary`);
    const over = await connect(`${url}/binary`);
    assert.ok('status' in over, 'a fourth connection was let in');
    assert.equal(over.status, 503);
    assert.match(over.body, /3 connections, its cap/);
  } finally {
    await small.close();
  }
});
