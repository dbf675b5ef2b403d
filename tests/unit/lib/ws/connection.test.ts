import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../../src/lib/ws/connection';
import { Connection } from '../../../../src/lib/ws/connection';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import { FakeSocket } from '../../fakes/fake-socket';

function connect(binaryType: 'blob' | 'arraybuffer' = 'arraybuffer') {
  const records: UnnumberedRecord[] = [];
  const statuses: ConnectionStatus[] = [];
  let socket!: FakeSocket;
  let tick = 0;
  const connection = new Connection(
    { url: 'ws://test/', protocols: ['a', 'b'], binaryType },
    (url, protocols) => {
      socket = new FakeSocket(url, protocols);
      return socket as unknown as WebSocket;
    },
    () => ++tick,
  );
  statuses.push(connection.status);
  connection.on('record', (r) => records.push(r));
  connection.on('status', (s) => statuses.push(s));
  return { connection, socket, records, statuses };
}

describe('Connection', () => {
  it('opens with the settings given and records the negotiated protocol', () => {
    const { socket, records, statuses } = connect();
    expect(socket.protocols).toEqual(['a', 'b']);
    expect(socket.binaryType).toBe('arraybuffer');
    socket.open('b');
    expect(statuses).toEqual(['connecting', 'open']);
    expect(records).toEqual([{ kind: 'open', t: 1, protocol: 'b', extensions: '' }]);
  });

  it('records sent and received messages with their wire sizes', () => {
    const { connection, socket, records } = connect();
    socket.open();
    connection.sendText('héllo');
    connection.sendBinary(new Uint8Array([1, 2, 3]));
    socket.receive('€');
    socket.receive(new Uint8Array([9, 8]).buffer);
    expect(socket.sent).toEqual(['héllo', new Uint8Array([1, 2, 3])]);
    expect(records.slice(1)).toEqual([
      { kind: 'text', dir: 'out', t: 2, text: 'héllo', size: 6 },
      { kind: 'binary', dir: 'out', t: 3, bytes: new Uint8Array([1, 2, 3]), size: 3 },
      { kind: 'text', dir: 'in', t: 4, text: '€', size: 3 },
      { kind: 'binary', dir: 'in', t: 5, bytes: new Uint8Array([9, 8]), size: 2, binaryType: 'arraybuffer' },
    ]);
  });

  it('refuses to send before the connection is open', () => {
    const { connection, socket } = connect();
    expect(() => connection.sendText('too early')).toThrow(/connecting/);
    expect(socket.sent).toEqual([]);
  });

  it('keeps event order when Blob reads finish later, and stamps each record when its event fired', async () => {
    const { socket, records, statuses } = connect('blob');
    socket.open();
    socket.receive(new Blob([new Uint8Array(1_000_000)]));
    socket.receive('after the blob');
    socket.receive(new Blob([new Uint8Array([7])]));
    socket.closeFromServer(1000, 'bye', true);
    expect(records.map((r) => r.kind)).toEqual(['open']);
    expect(statuses.at(-1)).toBe('open');

    await expect.poll(() => records.length).toBe(5);
    expect(records.map((r) => [r.kind, r.t])).toEqual([
      ['open', 1],
      ['binary', 2],
      ['text', 3],
      ['binary', 4],
      ['close', 5],
    ]);
    expect(records[1]).toMatchObject({ size: 1_000_000, binaryType: 'blob' });
    await expect.poll(() => statuses.at(-1)).toBe('closed');
  });

  it('closes once, with the code and reason given, and reports closing then closed', () => {
    const { connection, socket, records, statuses } = connect();
    socket.open();
    connection.close(4000, 'done');
    connection.close(1000, 'again');
    expect(socket.closedWith).toEqual([4000, 'done']);
    socket.closeFromServer(4000, 'done', true);
    expect(statuses).toEqual(['connecting', 'open', 'closing', 'closed']);
    expect(records.at(-1)).toEqual({ kind: 'close', t: 2, code: 4000, reason: 'done', wasClean: true });
  });

  it('records an error event with an explanation', () => {
    const { socket, records } = connect();
    socket.dispatchEvent(new Event('error'));
    expect(records).toEqual([
      { kind: 'error', t: 1, message: expect.stringContaining('see the close code') },
    ]);
  });
});
