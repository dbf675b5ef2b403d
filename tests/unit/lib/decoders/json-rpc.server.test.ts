/** JSON-RPC against a real json-rpc-2.0 server over `ws`, the client driven only through our decoder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJsonRpcServer } from '../../../shared/protocol-servers/json-rpc.js';
import { decoder } from '../../../../src/lib/decoders/json-rpc/index';
import type { ComposeContext, OutgoingFrame } from '../../../../src/lib/decoders/decoder';
import { driveClient, type DrivenClient } from './drive-client';

let server: Awaited<ReturnType<typeof startJsonRpcServer>>;
let client: DrivenClient;
let id = 0;
const context: ComposeContext = { nextId: () => ++id };

function compose(description: unknown): OutgoingFrame[] {
  const result = decoder.compose!(description, context);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

beforeAll(async () => {
  server = await startJsonRpcServer();
  client = await driveClient(decoder, server.url);
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('JSON-RPC against json-rpc-2.0', () => {
  it('calls a method and pairs the result with the request by id', async () => {
    client.send(compose({ method: 'add', params: { a: 2, b: 3 } }));
    const request = await client.waitFor((d) => d.dir === 'out' && d.message.type === 'add');
    const reply = await client.waitFor(
      (d) => d.dir === 'in' && d.message.pairing?.key === request.message.pairing?.key,
    );
    expect(reply.message).toMatchObject({
      type: 'result',
      fields: { result: 5 },
      pairing: { role: 'reply', final: true },
    });
    expect(client.errors).toEqual([]);
  });

  it('reads the error for an unknown method', async () => {
    client.send(compose({ method: 'nope' }));
    const request = await client.waitFor((d) => d.dir === 'out' && d.message.type === 'nope');
    const reply = await client.waitFor(
      (d) => d.dir === 'in' && d.message.pairing?.key === request.message.pairing?.key,
    );
    expect(reply.message).toMatchObject({ type: 'error', fields: { error: { code: -32601 } } });
  });

  it('sends a batch as one frame and reads the batch reply as several messages', async () => {
    client.send(
      compose([
        { method: 'echo', params: ['x'] },
        { method: 'log', params: ['quiet'], notify: true },
        { method: 'add', params: [1, 1] },
      ]),
    );
    const out = client.decoded.filter((d) => d.dir === 'out').at(-1)!;
    const batch = client.decoded.filter((d) => d.frame === out.frame);
    expect(batch.map((d) => d.message.type)).toEqual(['echo', 'log', 'add']);
    const sum = await client.waitFor(
      (d) => d.dir === 'in' && d.message.pairing?.key === batch[2]!.message.pairing?.key,
    );
    const reply = client.decoded.filter((d) => d.frame === sum.frame);
    expect(reply.map((d) => d.message.fields['result'])).toEqual([['x'], 2]);
  });

  it('groups a subscription’s notifications by params.subscription', async () => {
    client.send(compose({ method: 'subscribe', params: { count: 3 } }));
    const request = await client.waitFor((d) => d.dir === 'out' && d.message.type === 'subscribe');
    const result = await client.waitFor(
      (d) => d.dir === 'in' && d.message.pairing?.key === request.message.pairing?.key,
    );
    const subscription = result.message.fields['result'] as string;
    await client.waitFor(
      (d) =>
        d.message.key === subscription &&
        d.message.fields['params'] !== undefined &&
        (d.message.fields['params'] as { result: number }).result === 3,
    );
    const items = client.decoded.filter((d) => d.message.key === subscription);
    expect(items.map((d) => d.message.summary)).toEqual(
      [1, 2, 3].map((n) => `subscription ${subscription} ${n}`),
    );
    expect(items[0]!.message.pairing).toEqual({
      key: `subscription:${subscription}`,
      role: 'reply',
      final: false,
    });
    expect(client.errors).toEqual([]);
  });
});
