// @ts-check
/** The flow-control rules, with sockets whose writes complete when the test says so. */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { ChatRoom } from '../../sandbox/chat-room.js';
import { Outbox, SendBudget } from '../../sandbox/flow.js';

/** A WebSocket stand-in: it keeps what is sent, and writes it out (calls back) when `flush` is called. */
class FakeSocket extends EventEmitter {
  /** @type {(string | Buffer)[]} */
  sent = [];
  /** @type {(() => void)[]} */
  #unwritten = [];

  /**
   * @param {string | Buffer} data
   * @param {{ binary: boolean }} _options
   * @param {() => void} written
   */
  send(data, _options, written) {
    this.sent.push(data);
    this.#unwritten.push(written);
  }

  flush() {
    for (const written of this.#unwritten.splice(0)) written();
  }
}

/** @param {FakeSocket} socket */
const asWs = (socket) => /** @type {import('ws').WebSocket} */ (/** @type {unknown} */ (socket));

test('an outbox is ready up to its high-water mark, and again once its bytes are written', async () => {
  const socket = new FakeSocket();
  const outbox = new Outbox(asWs(socket), new SendBudget(100), 10);
  outbox.send(Buffer.alloc(10), true);
  assert.equal(outbox.ready, true, 'at the mark is still ready');
  outbox.send('€', false);
  assert.equal(outbox.queued, 13, 'text counts in UTF-8 bytes');
  assert.equal(outbox.ready, false);
  let woken = false;
  const ready = outbox.whenReady().then(() => (woken = true));
  await Promise.resolve();
  assert.equal(woken, false);
  socket.flush();
  await ready;
  assert.equal(outbox.queued, 0);
  assert.equal(outbox.ready, true);
});

test('a full budget holds every outbox back until bytes are written', async () => {
  const budget = new SendBudget(20);
  const slow = new FakeSocket();
  const other = new FakeSocket();
  const slowOutbox = new Outbox(asWs(slow), budget, 100);
  const otherOutbox = new Outbox(asWs(other), budget, 100);
  slowOutbox.send(Buffer.alloc(25), true);
  assert.equal(budget.full, true);
  assert.equal(otherOutbox.ready, false, 'another connection waits for the budget');
  const ready = otherOutbox.whenReady();
  slow.flush();
  await ready;
  assert.equal(budget.used, 0);
  assert.equal(otherOutbox.ready, true);
});

test('a closed connection gives its queued bytes back and wakes whoever waits on it', async () => {
  const budget = new SendBudget(10);
  const socket = new FakeSocket();
  const outbox = new Outbox(asWs(socket), budget, 5);
  outbox.send(Buffer.alloc(12), true);
  const ready = outbox.whenReady();
  socket.emit('close');
  await ready;
  assert.equal(outbox.closed, true);
  assert.equal(outbox.ready, false);
  assert.equal(budget.used, 0);
  socket.flush();
  assert.equal(budget.used, 0, 'a late write callback gives nothing back twice');
  outbox.send('after', false);
  assert.equal(socket.sent.length, 1, 'nothing is sent on a closed connection');
});

test('the chat room drops what a slow member cannot take and then says how much it missed', () => {
  const room = new ChatRoom();
  const budget = new SendBudget(1_000_000);
  const slow = new FakeSocket();
  const fast = new FakeSocket();
  room.join(asWs(slow), new URLSearchParams('name=slow'), new Outbox(asWs(slow), budget, 100));
  room.join(asWs(fast), new URLSearchParams('name=fast'), new Outbox(asWs(fast), budget, 100));
  slow.flush();
  slow.sent = [];
  for (let i = 0; i < 10; i++) {
    fast.emit('message', Buffer.alloc(60, i), true);
    fast.flush();
  }
  // The slow member got messages until its outbox passed 100 bytes, then none; the fast one, reading, all.
  assert.equal(slow.sent.length, 2);
  assert.equal(fast.sent.filter((data) => data.length === 60).length, 10);

  slow.flush();
  slow.sent = [];
  fast.emit('message', Buffer.from('hello'), false);
  const [notice, message] = slow.sent.map((data) => JSON.parse(data.toString()));
  assert.deepEqual(notice, { type: 'dropped', count: 8 });
  assert.deepEqual(message, { type: 'message', from: 'fast', text: 'hello' });
});
