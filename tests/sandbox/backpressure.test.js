// @ts-check
/**
 * Readers that do not read must not make the sandbox hold memory without bound. Each test runs the sandbox in a
 * child process (as npm start does), lets a client that pauses its socket ask for a lot, waits until the sandbox
 * has stopped working on it, and reads the child's peak resident memory. Before these bounds, the first test's
 * request took the sandbox from 55 MB to 373 MB, and /stream?rate=1000000&size=67108864 to 973 MB and growing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { afterEach, test } from 'node:test';
import { WebSocket } from 'ws';
import { LIMITS } from '../../sandbox/limits.js';
import { MiB, inboxOf, open, peakRss, spawnSandbox, untilIdle } from './helpers.js';

const skip = existsSync('/proc/self/status') ? false : 'reads memory figures from /proc (Linux)';

/** Room for what V8 and the sockets hold beside the queued bytes. */
const SLACK = 32 * MiB;

/** @type {Awaited<ReturnType<typeof spawnSandbox>>[]} */
let running = [];
/** @type {WebSocket[]} */
let clients = [];

afterEach(async () => {
  for (const ws of clients) ws.terminate();
  await Promise.all(running.map((sandbox) => sandbox.stop()));
  running = [];
  clients = [];
});

async function sandbox() {
  const started = await spawnSandbox();
  running.push(started);
  return { ...started, baseline: await peakRss(started.pid) };
}

/**
 * A client that reads nothing after the handshake.
 * @param {string} url
 */
function stalledClient(url) {
  const ws = new WebSocket(url);
  ws.once('open', () => ws.pause());
  ws.on('error', () => {});
  clients.push(ws);
  return ws;
}

/** @param {number} bytes */
const mb = (bytes) => `${(bytes / MiB).toFixed(0)} MiB`;

test(
  'a fast /stream of 64 MiB messages holds one message for a reader that does not read',
  { skip },
  async (t) => {
    const { pid, url, baseline } = await sandbox();
    stalledClient(`${url}/stream?count=4&rate=100000&size=${64 * MiB}`);
    await untilIdle(pid);
    const grown = (await peakRss(pid)) - baseline;
    t.diagnostic(`peak resident memory grew by ${mb(grown)}`);
    assert.ok(grown < 64 * MiB + SLACK, `the sandbox grew by ${mb(grown)}`);
  },
);

test('/stream?rate=1000000&size=67108864 costs the sandbox nothing: it is refused', { skip }, async (t) => {
  const { pid, url, baseline } = await sandbox();
  stalledClient(`${url}/stream?rate=1000000&size=67108864`);
  await untilIdle(pid);
  const grown = (await peakRss(pid)) - baseline;
  t.diagnostic(`peak resident memory grew by ${mb(grown)}`);
  assert.ok(grown < SLACK, `the sandbox grew by ${mb(grown)}`);
});

test(
  'stalled readers on many streams together hold at most the send budget and one message',
  { skip },
  async (t) => {
    const { pid, url, baseline } = await sandbox();
    for (let i = 0; i < 4; i++) stalledClient(`${url}/stream?count=10&size=${64 * MiB}&binary=1`);
    await untilIdle(pid);
    const grown = (await peakRss(pid)) - baseline;
    t.diagnostic(`peak resident memory grew by ${mb(grown)}`);
    assert.ok(grown < LIMITS.sendBudget + 64 * MiB + SLACK, `the sandbox grew by ${mb(grown)}`);
  },
);

test(
  '/echo stops reading from a client that does not read its echoes, and loses nothing',
  { skip },
  async (t) => {
    const { pid, url, baseline } = await sandbox();
    const ws = await open(`${url}/echo`);
    clients.push(ws);
    ws.pause();
    const count = 64;
    for (let i = 0; i < count; i++) ws.send(Buffer.alloc(MiB, i));
    await untilIdle(pid);
    const grown = (await peakRss(pid)) - baseline;
    t.diagnostic(`peak resident memory grew by ${mb(grown)}`);
    assert.ok(grown < SLACK, `the sandbox grew by ${mb(grown)} for ${count} MiB sent`);
    assert.ok(ws.bufferedAmount > MiB, 'the sandbox read everything: nothing held the client back');

    ws.resume();
    const inbox = inboxOf(ws);
    for (let i = 0; i < count; i++) {
      const { data } = await inbox.next();
      assert.equal(data.length, MiB);
      assert.equal(data[0], i & 0xff, `echo ${i} out of order`);
    }
  },
);

test('/chat drops messages for a member that does not read instead of queueing them', { skip }, async (t) => {
  const { pid, url, baseline } = await sandbox();
  const stalled = await open(`${url}/chat?name=slow`);
  clients.push(stalled);
  stalled.pause();
  const talker = await open(`${url}/chat?name=fast`);
  clients.push(talker);
  // Enough that queueing it all for the stalled member would show well above what garbage not yet collected does.
  const count = 256;
  // Waiting for the talker's own copies would hang whenever the room dropped the last one for it (it may, while the
  // talker is busy sending): wait instead until every message has left the talker, then until the sandbox is idle.
  const sent = [];
  for (let i = 0; i < count; i++) {
    const message = Buffer.alloc(MiB / 2);
    message.writeUInt32BE(i);
    sent.push(
      new Promise((resolve, reject) =>
        talker.send(message, (error) => (error ? reject(error) : resolve(undefined))),
      ),
    );
  }
  await Promise.all(sent);
  await untilIdle(pid);
  const grown = (await peakRss(pid)) - baseline;
  t.diagnostic(`peak resident memory grew by ${mb(grown)}`);
  assert.ok(grown < 2 * SLACK, `the sandbox grew by ${mb(grown)} for ${count / 2} MiB said in the room`);
});
