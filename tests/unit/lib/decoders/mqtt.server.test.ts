import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureMqtt, decoder } from '../../../../src/lib/decoders/mqtt/index';
import { MOSQUITTO, startMqttServer } from '../../../shared/protocol-servers/mqtt.js';
import { driveClient, type Decoded, type DrivenClient } from './drive-client';

/** Sequential ids per connection, as the app's ComposeContext gives them. */
function counter() {
  let id = 0;
  return { nextId: () => ++id };
}

function compose(description: unknown, context: { nextId(): number }, chosen = decoder) {
  const result = chosen.compose!(description, context);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const is =
  (dir: 'in' | 'out', type: string, test: (entry: Decoded) => boolean = () => true) =>
  (entry: Decoded) =>
    entry.dir === dir && entry.message.type === type && test(entry);

describe.skipIf(!existsSync(MOSQUITTO))('MQTT against mosquitto over WebSocket', () => {
  let server: Awaited<ReturnType<typeof startMqttServer>>;
  let client: DrivenClient | undefined;

  beforeAll(async () => {
    server = await startMqttServer({ lifetimeMs: 60_000 });
  }, 20_000);

  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('connects, subscribes, publishes to itself at QoS 0 and 1, and pairs every reply', async () => {
    client = await driveClient(decoder, server.url, ['mqtt']);
    const context = counter();

    // The keep-alive's CONNECT went out on open; mosquitto accepts it.
    const connect = await client.waitFor(is('out', 'CONNECT'));
    expect(connect.message.tree).toMatchObject({ version: '3.1.1', keepAlive: 60, cleanSession: true });
    expect(connect.message.key).toMatch(/^wsi-[0-9a-f]{8}$/);
    const connack = await client.waitFor(is('in', 'CONNACK'));
    expect(connack.message.fields).toMatchObject({ returnCode: 0, reason: 'Connection accepted' });
    expect(connack.message.pairing).toEqual({ key: 'connect', role: 'reply', final: true });
    expect(connect.message.pairing).toEqual({ key: 'connect', role: 'request' });

    client.send(compose({ type: 'subscribe', topic: 'wsi/#', qos: 1 }, context));
    const subscribe = await client.waitFor(is('out', 'SUBSCRIBE'));
    const suback = await client.waitFor(is('in', 'SUBACK'));
    expect(suback.message.fields).toMatchObject({ packetId: 1, returnCodes: [1] });
    expect(suback.message.pairing?.key).toBe(subscribe.message.pairing?.key);

    client.send(compose({ type: 'publish', topic: 'wsi/zero', payload: 'hello', qos: 0 }, context));
    const zero = await client.waitFor(is('in', 'PUBLISH', (e) => e.message.key === 'wsi/zero'));
    expect(zero.message.summary).toMatch(/^PUBLISH wsi\/zero qos0 hello$/);

    client.send(compose({ type: 'publish', topic: 'wsi/one', payload: { n: 1 }, qos: 1 }, context));
    const sent = await client.waitFor(is('out', 'PUBLISH', (e) => e.message.key === 'wsi/one'));
    const puback = await client.waitFor(is('in', 'PUBACK'));
    expect(sent.message.pairing).toEqual({ key: 'publish:out:2', role: 'request' });
    expect(puback.message.pairing).toEqual({ key: 'publish:out:2', role: 'reply', final: true });

    // The broker delivers it back at QoS 1 with its own packet id; the keep-alive acknowledges it.
    const delivered = await client.waitFor(is('in', 'PUBLISH', (e) => e.message.key === 'wsi/one'));
    expect(delivered.message.fields).toMatchObject({ qos: 1, payloadJson: { n: 1 } });
    const ourAck = await client.waitFor(is('out', 'PUBACK'));
    expect(ourAck.message.pairing).toEqual({ ...delivered.message.pairing, role: 'reply', final: true });
    expect(delivered.message.pairing?.key).toMatch(/^publish:in:\d+$/);

    client.send(compose({ type: 'pingreq' }, context));
    const pingresp = await client.waitFor(is('in', 'PINGRESP'));
    expect(pingresp.message).toMatchObject({ control: true, pairing: { key: 'ping', role: 'reply' } });

    client.send(compose({ type: 'unsubscribe', topic: 'wsi/#' }, context));
    const unsuback = await client.waitFor(is('in', 'UNSUBACK'));
    expect(unsuback.message.pairing).toEqual({ key: 'unsubscribe:out:3', role: 'reply', final: true });

    expect(client.errors).toEqual([]);
    client.send(compose({ type: 'disconnect' }, context));
    expect((await client.closed).code).toBeGreaterThan(0);
  }, 20_000);

  it('speaks MQTT 5 when configured so, reading the properties mosquitto sends', async () => {
    const v5 = configureMqtt({ protocolLevel: 5 });
    const context = counter();
    const five = await driveClient(v5, server.url, ['mqtt']);
    try {
      const connack = await five.waitFor(is('in', 'CONNACK'));
      expect(connack.message.fields).toMatchObject({ reasonCode: 0, reason: 'Success' });
      expect(connack.message.fields.properties).toEqual(expect.any(Object));
      five.send(compose({ type: 'subscribe', topic: 'five/#', qos: 1 }, context, v5));
      await five.waitFor(is('in', 'SUBACK', (e) => (e.message.fields.reasonCodes as number[])[0] === 1));
      five.send(compose({ type: 'publish', topic: 'five/a', payload: 'v5', qos: 1 }, context, v5));
      const delivered = await five.waitFor(is('in', 'PUBLISH'));
      expect(delivered.message.fields).toMatchObject({ topic: 'five/a', payload: 'v5', qos: 1 });
      await five.waitFor(is('in', 'PUBACK'));
      expect(five.errors).toEqual([]);
    } finally {
      await five.close();
    }
  }, 20_000);
});
