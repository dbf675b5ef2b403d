/**
 * Socket.IO against a real socket.io 4.8 server, the client driven only through our decoder: its keep-alive joins
 * the namespace and answers the pings, its composer emits, its decoder reads the replies and pairs them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocketIoServer } from '../../../shared/protocol-servers/socket-io.js';
import { decoder } from '../../../../src/lib/decoders/socket-io/index';
import type { ComposeContext, OutgoingFrame } from '../../../../src/lib/decoders/decoder';
import { driveClient, type DrivenClient } from './drive-client';

let server: Awaited<ReturnType<typeof startSocketIoServer>>;
const clients: DrivenClient[] = [];

beforeAll(async () => {
  // A one-second ping timeout: a missed pong closes the connection fast.
  server = await startSocketIoServer({ pingInterval: 300, pingTimeout: 1000 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.close();
});

async function connect(url: string): Promise<DrivenClient> {
  const client = await driveClient(decoder, url);
  clients.push(client);
  return client;
}

function counter(): ComposeContext {
  let id = 0;
  return { nextId: () => ++id };
}

function compose(description: unknown, context = counter()): OutgoingFrame[] {
  const result = decoder.compose!(description, context);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('Socket.IO against socket.io 4.8 (Engine.IO 4)', () => {
  it('joins the main namespace after the open packet, and the server confirms it', async () => {
    const client = await connect(server.url);
    const open = await client.waitFor((d) => d.message.type === 'open');
    const join = await client.waitFor((d) => d.dir === 'out' && d.message.type === 'CONNECT');
    const accepted = await client.waitFor((d) => d.dir === 'in' && d.message.type === 'CONNECT');
    expect(join.frame).toBeGreaterThan(open.frame);
    expect(accepted.message.fields['data']).toMatchObject({ sid: expect.any(String) });
    expect(accepted.message.pairing).toEqual({ key: 'connect:/', role: 'reply', final: true });
    expect(join.message.pairing).toEqual({ key: 'connect:/', role: 'request' });
    expect(client.errors).toEqual([]);
  });

  it('emits a composed event with an ack id and pairs the server’s ACK with it', async () => {
    const client = await connect(server.url);
    await client.waitFor((d) => d.dir === 'in' && d.message.type === 'CONNECT');
    client.send(compose({ event: 'chat', args: ['hi'], ack: true }));
    const request = await client.waitFor((d) => d.dir === 'out' && d.message.type === 'EVENT');
    const reply = await client.waitFor((d) => d.dir === 'in' && d.message.type === 'ACK');
    const echo = await client.waitFor((d) => d.dir === 'in' && d.message.key === 'chat');
    expect(request.message.summary).toBe('EVENT chat ["hi"] (ack id 1)');
    expect(reply.message.pairing).toEqual({ key: 'ack:/:1', role: 'reply', final: true });
    expect(request.message.pairing).toEqual({ key: 'ack:/:1', role: 'request' });
    expect(reply.message.fields['args']).toEqual([{ ok: true, echo: ['hi'] }]);
    expect(echo.message.fields).toMatchObject({ type: 'EVENT', event: 'chat', args: ['hi'] });
    expect(client.errors).toEqual([]);
  });

  it('reassembles a binary event from its header and attachment frames', async () => {
    const client = await connect(server.url);
    await client.waitFor((d) => d.dir === 'in' && d.message.type === 'CONNECT');
    client.send(compose({ event: 'binary' }));
    const file = await client.waitFor((d) => d.message.key === 'file');
    expect(file.message.type).toBe('BINARY_EVENT');
    expect(file.message.fields['args']).toEqual([{ $bytes: '01020304' }, { name: 'f.bin' }]);
    expect(client.errors).toEqual([]);
  });

  it('answers an event the server asks to be acknowledged, on another namespace', async () => {
    const client = await connect(server.url);
    await client.waitFor((d) => d.dir === 'in' && d.message.type === 'CONNECT');
    client.send(compose({ connect: '/admin' }));
    await client.waitFor((d) => d.dir === 'in' && d.message.type === 'CONNECT' && d.message.key === '/admin');
    client.send(compose({ event: 'ask', nsp: '/admin' }));
    const question = await client.waitFor((d) => d.message.key === 'question');
    expect(question.message.pairing).toMatchObject({
      key: expect.stringMatching(/^server-ack:\/admin:\d+$/),
      role: 'request',
    });
    client.send(compose({ ackId: question.message.fields['id'], args: ['yes'], nsp: '/admin' }));
    const answer = await client.waitFor((d) => d.dir === 'out' && d.message.type === 'ACK');
    expect(answer.message.pairing).toEqual({ ...question.message.pairing, role: 'reply', final: true });
    const answered = await client.waitFor((d) => d.message.key === 'answered');
    expect(answered.message.fields['args']).toEqual(['yes']);
    expect(client.errors).toEqual([]);
  });

  it('stays connected for ten seconds with pingInterval 300 and pingTimeout 1000, on keep-alive alone', async () => {
    const client = await connect(server.url);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(client.isOpen).toBe(true);
    const pings = client.decoded.filter((d) => d.dir === 'in' && d.message.type === 'ping').length;
    const pongs = client.decoded.filter((d) => d.dir === 'out' && d.message.type === 'pong').length;
    expect(pings).toBeGreaterThanOrEqual(20);
    expect(pongs).toBe(pings);
    expect(client.errors).toEqual([]);
  }, 15_000);

  it('is closed by the server without the keep-alive (the test above proves something)', async () => {
    const bare = await driveClient({ ...decoder, keepAlive: undefined }, server.url);
    clients.push(bare);
    const closed = await Promise.race([
      bare.closed,
      new Promise((resolve) => setTimeout(() => resolve('open'), 4000)),
    ]);
    expect(closed).not.toBe('open');
  }, 6000);
});

describe('Socket.IO against socket.io 4.8 with an Engine.IO 3 client', () => {
  it('is joined to / by the server, pings on the server’s interval, and stays connected', async () => {
    const client = await connect(server.urlEio3);
    const joined = await client.waitFor((d) => d.dir === 'in' && d.message.type === 'CONNECT');
    expect(joined.message.key).toBe('/');
    expect(client.decoded.some((d) => d.dir === 'out' && d.message.type === 'CONNECT')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(client.isOpen).toBe(true);
    const pongs = client.decoded.filter((d) => d.dir === 'in' && d.message.type === 'pong').length;
    expect(pongs).toBeGreaterThanOrEqual(5);
    client.send(compose({ event: 'binary' }));
    const file = await client.waitFor((d) => d.message.key === 'file');
    expect(file.message.fields['args']).toEqual([{ $bytes: '01020304' }, { name: 'f.bin' }]);
    expect(client.errors).toEqual([]);
  }, 6000);
});
