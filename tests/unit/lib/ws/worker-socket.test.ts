import { describe, expect, it } from 'vitest';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import type { ConnectionStatus } from '../../../../src/lib/ws/connection';
import { Connection } from '../../../../src/lib/ws/connection';
import type { PagePort } from '../../../../src/lib/ws/socket-service';
import { MAX_BATCH_BYTES, MAX_BATCH_REPORTS, serveSocket } from '../../../../src/lib/ws/socket-service';
import type { SocketReport } from '../../../../src/lib/ws/worker-protocol';
import type { SocketWorkerPort } from '../../../../src/lib/ws/worker-socket';
import { WorkerSocket } from '../../../../src/lib/ws/worker-socket';
import { FakeSocket } from '../../fakes/fake-socket';

/**
 * A Connection whose socket is a WorkerSocket, wired to serveSocket (the worker's side) through a channel that
 * clones what crosses it, as postMessage does. The worker's socket is a FakeSocket the test drives; the worker's
 * timers run only when the test says, so what is batched together is the test's choice.
 */
function connectThroughWorker(
  options: { binaryType?: BinaryType; refuse?: Error; protocols?: string[] } = {},
) {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const batches: SocketReport[][] = [];
  const transferred: Transferable[] = [];
  let terminated = false;
  let workerClock = 100;
  const pageSide: SocketWorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage: (command) =>
      workerSide.onmessage?.(new MessageEvent('message', { data: structuredClone(command) })),
    terminate: () => (terminated = true),
  };
  const workerSide: PagePort = {
    onmessage: null,
    postMessage: (batch, transfer) => {
      batches.push(batch);
      transferred.push(...transfer);
      pageSide.onmessage?.(new MessageEvent('message', { data: batch }));
    },
  };
  serveSocket(workerSide, {
    createSocket: (url, protocols) => {
      if (options.refuse) throw options.refuse;
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    now: () => ++workerClock,
    setTimer: (callback) => timers.push(callback),
  });
  const records: UnnumberedRecord[] = [];
  const statuses: ConnectionStatus[] = [];
  // The page's clock is far from the worker's: records stamped by it would show.
  const connection = new Connection(
    {
      url: 'ws://test/',
      protocols: options.protocols ?? ['a'],
      binaryType: options.binaryType ?? 'arraybuffer',
    },
    (url, protocols) => new WorkerSocket(pageSide, url, protocols),
    () => 9_000,
  );
  connection.on('record', (record) => records.push(record));
  connection.on('status', (status) => statuses.push(status));
  const runTimers = () => {
    for (const run of timers.splice(0)) run();
  };
  return {
    connection,
    socket: () => sockets[0]!,
    records,
    statuses,
    batches,
    transferred,
    runTimers,
    pageSide,
    terminated: () => terminated,
  };
}

describe('WorkerSocket with the socket worker', () => {
  it('opens the socket the page asked for, with its subprotocols and binaryType', () => {
    const { socket } = connectThroughWorker({ binaryType: 'blob', protocols: ['graphql-ws', 'mqtt'] });
    expect(socket().url).toBe('ws://test/');
    expect(socket().protocols).toEqual(['graphql-ws', 'mqtt']);
    expect(socket().binaryType).toBe('blob');
  });

  it('hands the page everything that fired before its timer in one message, in order, stamped in the worker', () => {
    const { socket, records, statuses, batches, transferred, runTimers } = connectThroughWorker();
    socket().open('a');
    socket().receive('first');
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    socket().receive(bytes);
    socket().receive('€');
    expect(records).toEqual([]);
    runTimers();
    expect(batches).toHaveLength(1);
    expect(transferred).toEqual([bytes]);
    expect(statuses).toEqual(['open']);
    expect(records).toEqual([
      { kind: 'open', t: 101, protocol: 'a', extensions: '' },
      { kind: 'text', dir: 'in', t: 102, text: 'first', size: 5 },
      {
        kind: 'binary',
        dir: 'in',
        t: 103,
        bytes: new Uint8Array([1, 2, 3]),
        size: 3,
        binaryType: 'arraybuffer',
      },
      { kind: 'text', dir: 'in', t: 104, text: '€', size: 3 },
    ]);
  });

  it('sends a batch at once when it is full, so a burst is several short tasks on the page, not one long one', () => {
    const { socket, records, batches, runTimers } = connectThroughWorker();
    socket().open();
    for (let i = 0; i < 2 * MAX_BATCH_REPORTS + 10; i++) socket().receive(`m${i}`);
    expect(batches.map((batch) => batch.length)).toEqual([MAX_BATCH_REPORTS, MAX_BATCH_REPORTS]);
    runTimers();
    expect(batches.map((batch) => batch.length)).toEqual([MAX_BATCH_REPORTS, MAX_BATCH_REPORTS, 11]);
    expect(records.map((record) => (record.kind === 'text' ? record.text : record.kind)).slice(0, 3)).toEqual(
      ['open', 'm0', 'm1'],
    );
    expect(records).toHaveLength(2 * MAX_BATCH_REPORTS + 11);

    // Large frames fill a batch by their bytes first.
    const frame = 64 << 10;
    for (let i = 0; i < MAX_BATCH_BYTES / frame + 1; i++) socket().receive(new ArrayBuffer(frame));
    expect(batches.at(-1)).toHaveLength(MAX_BATCH_BYTES / frame);
  });

  it('passes Blobs through for binaryType "blob" and keeps their order', async () => {
    const { socket, records, runTimers } = connectThroughWorker({ binaryType: 'blob' });
    socket().open();
    socket().receive(new Blob([new Uint8Array([7, 7])]));
    socket().receive('after');
    runTimers();
    await expect.poll(() => records.length).toBe(3);
    expect(records.slice(1)).toEqual([
      { kind: 'binary', dir: 'in', t: 102, bytes: new Uint8Array([7, 7]), size: 2, binaryType: 'blob' },
      { kind: 'text', dir: 'in', t: 103, text: 'after', size: 5 },
    ]);
  });

  it('sends only once open, and counts bytes on their way until the worker says its socket holds none', () => {
    const { connection, socket, runTimers } = connectThroughWorker();
    expect(() => connection.sendText('too early')).toThrow(/connecting/);
    socket().open();
    runTimers();
    socket().bufferedAmount = 4;
    connection.sendText('héllo');
    connection.sendBinary(new Uint8Array([5, 6]));
    expect(socket().sent).toEqual(['héllo', new Uint8Array([5, 6])]);
    // Delivered to the worker at once here, but its reports wait for its timer: 6 + 2 bytes on their way.
    expect(connection.bufferedAmount).toBe(8);
    runTimers();
    expect(connection.bufferedAmount).toBe(4);
    socket().bufferedAmount = 0;
    // The worker looks again while its socket still holds bytes, then reports it empty.
    runTimers();
    runTimers();
    expect(connection.bufferedAmount).toBe(0);
  });

  it('closes with the code and reason asked for, and ends the worker once the socket has closed', () => {
    const { connection, socket, statuses, records, runTimers, terminated } = connectThroughWorker();
    socket().open();
    runTimers();
    connection.close(4001, 'done here');
    expect(socket().closedWith).toEqual([4001, 'done here']);
    expect(terminated()).toBe(false);
    socket().closeFromServer(4001, 'done here', true);
    runTimers();
    expect(statuses).toEqual(['open', 'closing', 'closed']);
    expect(records.at(-1)).toEqual({
      kind: 'close',
      t: 102,
      code: 4001,
      reason: 'done here',
      wasClean: true,
    });
    expect(terminated()).toBe(true);
  });

  it('ends like a failed connection, with the browser’s words, when the worker cannot open the socket', () => {
    const refuse = new DOMException("The URL's scheme must be either 'ws' or 'wss'.", 'SyntaxError');
    const { records, statuses, runTimers, terminated } = connectThroughWorker({ refuse });
    runTimers();
    expect(statuses).toEqual(['closed']);
    expect(records.map((r) => r.kind)).toEqual(['error', 'close']);
    expect(records[1]).toMatchObject({
      code: 1006,
      wasClean: false,
      reason: "The browser refused to open it (SyntaxError): The URL's scheme must be either 'ws' or 'wss'.",
    });
    expect(terminated()).toBe(true);
  });

  it('ends like a failed connection when the worker itself fails (its script did not load)', () => {
    const { records, statuses, pageSide } = connectThroughWorker();
    pageSide.onerror?.({ message: 'Failed to fetch', preventDefault: () => undefined } as ErrorEvent);
    expect(statuses).toEqual(['closed']);
    expect(records.map((r) => r.kind)).toEqual(['error', 'close']);
    expect(records[1]).toMatchObject({ code: 1006, reason: 'The socket worker failed: Failed to fetch' });
  });
});
