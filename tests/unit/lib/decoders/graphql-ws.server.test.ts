/** GraphQL over WebSocket against a real graphql-ws 6 server, the client driven only through our decoder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphqlWsServer } from '../../../shared/protocol-servers/graphql-ws.js';
import { decoder } from '../../../../src/lib/decoders/graphql-ws/index';
import type { OutgoingFrame } from '../../../../src/lib/decoders/decoder';
import type { GraphqlComposeContext } from '../../../../src/lib/decoders/graphql-ws/compose';
import { driveClient, type DrivenClient } from './drive-client';

let server: Awaited<ReturnType<typeof startGraphqlWsServer>>;
const clients: DrivenClient[] = [];
let id = 0;
const context: GraphqlComposeContext = { nextId: () => ++id, protocol: 'graphql-transport-ws' };

beforeAll(async () => {
  server = await startGraphqlWsServer({ pingEveryMs: 100 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.close();
});

async function connect(): Promise<DrivenClient> {
  const client = await driveClient(decoder, server.url, ['graphql-transport-ws']);
  clients.push(client);
  return client;
}

function compose(description: unknown): OutgoingFrame[] {
  const result = decoder.compose!(description, context);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('GraphQL over WebSocket against graphql-ws 6', () => {
  it('opens with connection_init and is acknowledged', async () => {
    const client = await connect();
    const ack = await client.waitFor((d) => d.message.type === 'connection_ack');
    expect(ack.message).toMatchObject({
      control: true,
      pairing: { key: 'connection_init', role: 'reply', final: true },
    });
    expect(client.decoded[0]).toMatchObject({ dir: 'out', message: { type: 'connection_init' } });
  });

  it('runs a composed subscription: three next items and a complete, all paired with the subscribe', async () => {
    const client = await connect();
    await client.waitFor((d) => d.message.type === 'connection_ack');
    client.send(compose({ query: 'subscription { greetings }', variables: {} }));
    const subscribe = await client.waitFor((d) => d.dir === 'out' && d.message.type === 'subscribe');
    const complete = await client.waitFor((d) => d.dir === 'in' && d.message.type === 'complete');
    const replies = client.decoded.filter(
      (d) => d.dir === 'in' && d.message.pairing?.key === subscribe.message.pairing?.key,
    );
    expect(replies.map((d) => d.message.summary)).toEqual([
      `next ${subscribe.message.key} {"data":{"greetings":"Hi"}}`,
      `next ${subscribe.message.key} {"data":{"greetings":"Bonjour"}}`,
      `next ${subscribe.message.key} {"data":{"greetings":"Hola"}}`,
      `complete ${subscribe.message.key}`,
    ]);
    expect(replies.map((d) => d.message.pairing?.final)).toEqual([false, false, false, true]);
    expect(replies[0]!.message.fields).toMatchObject({ type: 'next', data: { greetings: 'Hi' } });
    expect(complete.message.pairing).toEqual({
      key: subscribe.message.pairing?.key,
      role: 'reply',
      final: true,
    });
    expect(client.errors).toEqual([]);
  });

  it('runs a query, reads a validation error, and cancels a running subscription', async () => {
    const client = await connect();
    await client.waitFor((d) => d.message.type === 'connection_ack');
    client.send(compose({ query: '{ hello }' }));
    const hello = await client.waitFor((d) => d.message.type === 'next');
    expect(hello.message.fields['data']).toEqual({ hello: 'world' });

    client.send(compose({ query: '{ nope }' }));
    const error = await client.waitFor((d) => d.message.type === 'error');
    expect(error.message.summary).toMatch(/^error \d+ Cannot query field "nope" on type "Query"\.$/);

    client.send(
      compose({ query: 'subscription Count($to: Int!) { count(to: $to) }', variables: { to: 100 } }),
    );
    const first = await client.waitFor(
      (d) =>
        d.message.type === 'next' &&
        d.message.fields['data'] !== undefined &&
        'count' in (d.message.fields['data'] as object),
    );
    client.send(compose({ complete: first.message.key }));
    const stop = await client.waitFor((d) => d.dir === 'out' && d.message.type === 'complete');
    expect(stop.message.key).toBe(first.message.key);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const items = client.decoded.filter(
      (d) => d.message.key === first.message.key && d.message.type === 'next',
    );
    expect(items.length).toBeLessThan(20);
    expect(client.errors).toEqual([]);
  });

  it('answers the server’s pings with pongs and stays connected', async () => {
    const client = await connect();
    await new Promise((resolve) => setTimeout(resolve, 450));
    const pings = client.decoded.filter((d) => d.dir === 'in' && d.message.type === 'ping');
    const pongs = client.decoded.filter((d) => d.dir === 'out' && d.message.type === 'pong');
    expect(pings.length).toBeGreaterThanOrEqual(3);
    expect(pongs.length).toBe(pings.length);
    expect(pongs[0]!.message.pairing).toEqual({ key: 'server-ping', role: 'reply', final: true });
    expect(client.isOpen).toBe(true);
  });

  it('is closed with 4408 without the keep-alive’s connection_init (so the keep-alive is what holds it)', async () => {
    const bare = await driveClient({ ...decoder, keepAlive: undefined }, server.url, [
      'graphql-transport-ws',
    ]);
    clients.push(bare);
    expect((await bare.closed).code).toBe(4408);
  });
});
