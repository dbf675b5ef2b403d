import fc from 'fast-check';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import type { DecodedMessage, DecoderSession, WireFrame } from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/mqtt/detect';
import { configureMqtt, decoder } from '../../../../src/lib/decoders/mqtt/index';
import type { Direction } from '../../../../src/lib/model/frame';

const facts = { url: 'ws://127.0.0.1/mqtt', protocol: 'mqtt' };
const hex = (text: string) =>
  Uint8Array.from(text.match(/[0-9a-f]{2}/gi) ?? [], (pair) => parseInt(pair, 16));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A compose context counting from 1, as the app's does. */
function counter() {
  let id = 0;
  return { nextId: () => ++id };
}

function decodeAll(session: DecoderSession, dir: Direction, bytes: Uint8Array): DecodedMessage[] {
  const result = session.decode({ dir, bytes });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function decodeOne(session: DecoderSession, dir: Direction, bytes: Uint8Array): DecodedMessage {
  const messages = decodeAll(session, dir, bytes);
  expect(messages).toHaveLength(1);
  return messages[0] as DecodedMessage;
}

/** A session that has seen the client's CONNECT at the given level. */
function connected(level: 4 | 5): DecoderSession {
  const session = decoder.start(facts);
  const connect = mqttPacket.generate(
    {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: level,
      clean: true,
      keepalive: 60,
      clientId: 'me',
    },
    { protocolVersion: level },
  );
  decodeOne(session, 'out', connect);
  return session;
}

function generate(packet: object, level: 4 | 5): Uint8Array {
  return mqttPacket.generate(packet as mqttPacket.Packet, { protocolVersion: level });
}

function oracleParse(bytes: Uint8Array, level: 3 | 4 | 5): mqttPacket.Packet[] {
  const parser = mqttPacket.parser({ protocolVersion: level });
  const packets: mqttPacket.Packet[] = [];
  const errors: Error[] = [];
  parser.on('packet', (packet: mqttPacket.Packet) => packets.push(packet));
  parser.on('error', (error: Error) => errors.push(error));
  parser.parse(Buffer.from(bytes));
  if (errors.length > 0) throw errors[0];
  return packets;
}

function composed(description: unknown, context = counter(), chosen = decoder): Uint8Array {
  const result = chosen.compose!(description, context);
  if (!result.ok) throw new Error(result.error);
  expect(result.value).toHaveLength(1);
  const [frame] = result.value;
  if (!frame || !('bytes' in frame)) throw new Error('expected a binary frame');
  return frame.bytes;
}

describe('MQTT decoding: the spec vectors of protocols.md §2.3', () => {
  it('CONNECT 3.1.1, clean, keep alive 30, empty client id', () => {
    const message = decodeOne(decoder.start(facts), 'out', hex('10 0c 00 04 4d 51 54 54 04 02 00 1e 00 00'));
    expect(message).toMatchObject({
      type: 'CONNECT',
      key: '',
      control: true,
      pairing: { key: 'connect', role: 'request' },
      tree: {
        type: 'CONNECT',
        protocolName: 'MQTT',
        protocolLevel: 4,
        version: '3.1.1',
        cleanSession: true,
        keepAlive: 30,
      },
    });
    expect(message.summary).toBe('CONNECT v3.1.1 keepalive 30s');
  });

  it('CONNECT 5 with Receive Maximum 20, then its level reads properties on later packets', () => {
    const session = decoder.start(facts);
    const message = decodeOne(session, 'out', hex('10 10 00 04 4d 51 54 54 05 02 00 3c 03 21 00 14 00 00'));
    expect(message.tree).toMatchObject({
      version: '5.0',
      cleanStart: true,
      keepAlive: 60,
      properties: { receiveMaximum: 20 },
    });
    expect(decodeOne(session, 'in', hex('20 03 00 00 00')).tree).toEqual({
      type: 'CONNACK',
      sessionPresent: false,
      reasonCode: 0,
      reason: 'Success',
    });
  });

  it('CONNACK, SUBSCRIBE and SUBACK', () => {
    const session = connected(4);
    expect(decodeOne(session, 'in', hex('20 02 00 00'))).toMatchObject({
      type: 'CONNACK',
      summary: 'CONNACK Connection accepted',
      control: true,
      pairing: { key: 'connect', role: 'reply', final: true },
    });
    expect(decodeOne(session, 'out', hex('82 09 00 06 00 04 74 65 73 74 00'))).toMatchObject({
      type: 'SUBSCRIBE',
      key: 'test',
      summary: 'SUBSCRIBE test #6 qos0',
      fields: { packetId: 6, subscriptions: [{ topic: 'test', qos: 0 }] },
      pairing: { key: 'subscribe:out:6', role: 'request' },
    });
    expect(decodeOne(session, 'in', hex('90 05 00 06 00 01 02'))).toMatchObject({
      type: 'SUBACK',
      fields: {
        packetId: 6,
        returnCodes: [0, 1, 2],
        reasons: ['Granted QoS 0', 'Granted QoS 1', 'Granted QoS 2'],
      },
      pairing: { key: 'subscribe:out:6', role: 'reply', final: true },
    });
  });

  it('PUBLISH at QoS 0, and at QoS 2 with DUP and RETAIN', () => {
    const session = connected(4);
    const plain = decodeOne(session, 'in', hex('30 0a 00 04 74 65 73 74 74 65 73 74'));
    expect(plain).toMatchObject({
      type: 'PUBLISH',
      key: 'test',
      summary: 'PUBLISH test qos0 test',
      fields: { topic: 'test', qos: 0, retain: false, dup: false, payload: 'test' },
    });
    expect(plain.pairing).toBeUndefined();
    expect(plain.control).toBeUndefined();
    expect(decodeOne(session, 'in', hex('3d 0c 00 04 74 65 73 74 00 0a 74 65 73 74'))).toMatchObject({
      summary: 'PUBLISH test #10 qos2 retain dup test',
      fields: { qos: 2, retain: true, dup: true, packetId: 10 },
      pairing: { key: 'publish:in:10', role: 'request' },
    });
  });

  it('PUBACK and PINGREQ', () => {
    const session = connected(4);
    expect(decodeOne(session, 'in', hex('40 02 00 02'))).toMatchObject({
      type: 'PUBACK',
      fields: { packetId: 2 },
      pairing: { key: 'publish:out:2', role: 'reply', final: true },
    });
    expect(decodeOne(session, 'out', hex('c0 00'))).toMatchObject({
      type: 'PINGREQ',
      summary: 'PINGREQ',
      control: true,
      pairing: { key: 'ping', role: 'request' },
    });
  });

  it('shows a JSON payload parsed too, and binary payloads as bytes', () => {
    const session = connected(4);
    const json = decodeOne(
      session,
      'in',
      generate({ cmd: 'publish', topic: 'sensors/1', payload: '{"temp":21}' }, 4),
    );
    expect(json.fields).toMatchObject({ payload: '{"temp":21}', payloadJson: { temp: 21 } });
    const binary = decodeOne(
      session,
      'in',
      generate({ cmd: 'publish', topic: 'b', payload: Buffer.from([0xff, 0]) }, 4),
    );
    expect(binary.fields.payload).toEqual({ $bytes: 'ff00' });
  });
});

describe('MQTT framing', () => {
  it('waits for a packet split across frames: the split length of mqtt-packet’s tests', () => {
    const session = connected(4);
    const packet = generate({ cmd: 'publish', topic: 'test', payload: 'x'.repeat(249) }, 4);
    expect(toHex(packet.subarray(0, 3))).toBe('30ff01');
    expect(decodeAll(session, 'in', packet.subarray(0, 2))).toEqual([]);
    expect(decodeAll(session, 'in', packet.subarray(2, 10))).toEqual([]);
    expect(decodeOne(session, 'in', packet.subarray(10)).fields).toMatchObject({
      topic: 'test',
      payload: 'x'.repeat(249),
    });
  });

  it('splits several packets in one frame, and keeps the directions apart', () => {
    const session = connected(4);
    decodeAll(session, 'out', hex('82 09 00 06 00')); // the start of a SUBSCRIBE
    const frame = hex('20 02 00 00  90 03 00 06 00  30 05 00 01 74 68 69  40');
    expect(decodeAll(session, 'in', frame).map((message) => message.type)).toEqual([
      'CONNACK',
      'SUBACK',
      'PUBLISH',
    ]);
    expect(decodeOne(session, 'in', hex('02 00 07')).fields).toEqual({ type: 'PUBACK', packetId: 7 });
    expect(decodeOne(session, 'out', hex('04 74 65 73 74 00')).key).toBe('test');
  });

  it('drops carried bytes a frame does not continue, and says so', () => {
    const session = connected(4);
    expect(decodeAll(session, 'in', hex('30 05 00 01'))).toEqual([]); // a PUBLISH with a one-byte topic…
    // …that these bytes cannot finish: 0xc0 is no UTF-8 topic. Read alone, they are two packets.
    const next = decodeAll(session, 'in', hex('c0 00 d0 00'));
    expect(next.map((message) => message.type)).toEqual(['PINGREQ', 'PINGRESP']);
    expect(next[0]?.tree).toMatchObject({
      note: '4 bytes carried from earlier frames did not continue here',
    });
    expect(decodeOne(session, 'in', hex('d0 00')).tree).toEqual({ type: 'PINGRESP' });
  });

  it('decodes a session joined midway, guessing the level and saying so', () => {
    const v3 = decoder.start(facts);
    expect(decodeOne(v3, 'in', hex('30 0a 00 04 74 65 73 74 74 65 73 74')).tree).toMatchObject({
      topic: 'test',
      note: 'No CONNECT seen on this connection: read as MQTT 3.1.1',
    });
    const v5 = decoder.start(facts);
    const suback = generate(
      { cmd: 'suback', messageId: 3, granted: [1], properties: { reasonString: 'ok' } },
      5,
    );
    expect(decodeOne(v5, 'in', suback).tree).toMatchObject({
      packetId: 3,
      properties: { reasonString: 'ok' },
      reasonCodes: [1],
      note: 'No CONNECT seen on this connection: read as MQTT 5',
    });
    // Once a packet fitted only MQTT 5, the next is read as 5 first.
    const publish = generate(
      { cmd: 'publish', topic: 't', payload: 'p', properties: { contentType: 'text/plain' } },
      5,
    );
    expect(decodeOne(v5, 'in', publish).fields).toMatchObject({
      payload: 'p',
      properties: { contentType: 'text/plain' },
    });
  });

  it('explains what is wrong instead of throwing', () => {
    const decode = (frame: WireFrame) => connected(4).decode(frame);
    expect(decode({ dir: 'in', text: 'hi' })).toEqual({
      ok: false,
      error: 'MQTT travels in binary frames, and this is a text frame',
    });
    expect(decode({ dir: 'in', bytes: hex('00 00') })).toEqual({
      ok: false,
      error: 'Not an MQTT packet: byte 0x00 starts no packet',
    });
    expect(decode({ dir: 'in', bytes: hex('c1 00') })).toEqual({
      ok: false,
      error: 'Malformed MQTT: the packet, PINGREQ: fixed header flags must be 0000',
    });
    expect(decode({ dir: 'in', bytes: hex('c0 00 30 03 00 05 74') })).toEqual({
      ok: false,
      error: "Malformed MQTT: packet 2 of this frame, PUBLISH: topic name runs past the packet's end",
    });
    expect(decode({ dir: 'in', bytes: hex('30 ff ff ff ff 01') })).toMatchObject({
      ok: false,
      error: expect.stringContaining('longer than four bytes'),
    });
    expect(decode({ dir: 'in', bytes: hex('f0 00') })).toMatchObject({
      ok: false,
      error: expect.stringContaining('AUTH'),
    });
  });
});

/** Every packet type, as mqtt-packet generates it, and what our decoder must read from it. */
const ORACLE_CASES: { level: 4 | 5; packet: object; fields: object }[] = [
  {
    level: 4,
    packet: {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: false,
      keepalive: 10,
      clientId: 'c1',
      username: 'u',
      password: Buffer.from('secret'),
      will: { topic: 'w', payload: Buffer.from('bye'), qos: 1, retain: true },
    },
    fields: {
      cleanSession: false,
      keepAlive: 10,
      clientId: 'c1',
      username: 'u',
      password: '(6 bytes, hidden)',
      will: { topic: 'w', payload: 'bye', qos: 1, retain: true },
    },
  },
  {
    level: 5,
    packet: {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 5,
      clean: true,
      keepalive: 60,
      clientId: 'c5',
      properties: { sessionExpiryInterval: 300, userProperties: { a: 'b' } },
      will: {
        topic: 'w',
        payload: Buffer.from('x'),
        qos: 0,
        retain: false,
        properties: { willDelayInterval: 5 },
      },
    },
    fields: {
      cleanStart: true,
      properties: { sessionExpiryInterval: 300, userProperties: [{ a: 'b' }] },
      will: { topic: 'w', payload: 'x', properties: { willDelayInterval: 5 } },
    },
  },
  {
    level: 4,
    packet: { cmd: 'connack', sessionPresent: true, returnCode: 5 },
    fields: { sessionPresent: true, returnCode: 5, reason: 'Not authorized' },
  },
  {
    level: 5,
    packet: {
      cmd: 'connack',
      sessionPresent: false,
      reasonCode: 0x87,
      properties: { assignedClientIdentifier: 'x', maximumQoS: 1 },
    },
    fields: {
      reasonCode: 0x87,
      reason: 'Not authorized',
      properties: { assignedClientIdentifier: 'x', maximumQoS: 1 },
    },
  },
  {
    level: 5,
    packet: {
      cmd: 'publish',
      topic: 'a/b',
      payload: 'hi',
      qos: 1,
      messageId: 9,
      properties: { subscriptionIdentifier: [1, 2], correlationData: Buffer.from([1, 2]), topicAlias: 3 },
    },
    fields: {
      topic: 'a/b',
      packetId: 9,
      payload: 'hi',
      properties: { subscriptionIdentifier: [1, 2], correlationData: { $bytes: '0102' }, topicAlias: 3 },
    },
  },
  { level: 4, packet: { cmd: 'puback', messageId: 1 }, fields: { type: 'PUBACK', packetId: 1 } },
  { level: 4, packet: { cmd: 'pubrec', messageId: 2 }, fields: { type: 'PUBREC', packetId: 2 } },
  { level: 4, packet: { cmd: 'pubrel', messageId: 3 }, fields: { type: 'PUBREL', packetId: 3 } },
  { level: 4, packet: { cmd: 'pubcomp', messageId: 4 }, fields: { type: 'PUBCOMP', packetId: 4 } },
  {
    level: 5,
    packet: { cmd: 'pubrec', messageId: 2, reasonCode: 0x10, properties: { reasonString: 'none' } },
    fields: {
      packetId: 2,
      reasonCode: 0x10,
      reason: 'No matching subscribers',
      properties: { reasonString: 'none' },
    },
  },
  {
    level: 5,
    packet: {
      cmd: 'subscribe',
      messageId: 5,
      subscriptions: [{ topic: 'x/#', qos: 2, nl: true, rap: true, rh: 1 }],
      properties: { subscriptionIdentifier: 7 },
    },
    fields: {
      packetId: 5,
      properties: { subscriptionIdentifier: 7 },
      subscriptions: [{ topic: 'x/#', qos: 2, noLocal: true, retainAsPublished: true, retainHandling: 1 }],
    },
  },
  {
    level: 4,
    packet: { cmd: 'suback', messageId: 5, granted: [0, 128] },
    fields: { returnCodes: [0, 128], reasons: ['Granted QoS 0', 'Failure'] },
  },
  {
    level: 4,
    packet: { cmd: 'unsubscribe', messageId: 6, unsubscriptions: ['a', 'b'] },
    fields: { packetId: 6, topics: ['a', 'b'] },
  },
  { level: 4, packet: { cmd: 'unsuback', messageId: 6 }, fields: { type: 'UNSUBACK', packetId: 6 } },
  {
    level: 5,
    packet: { cmd: 'unsuback', messageId: 6, granted: [0, 0x11], properties: {} },
    fields: { packetId: 6, reasonCodes: [0, 0x11], reasons: ['Success', 'No subscription existed'] },
  },
  { level: 4, packet: { cmd: 'pingreq' }, fields: { type: 'PINGREQ' } },
  { level: 4, packet: { cmd: 'pingresp' }, fields: { type: 'PINGRESP' } },
  { level: 4, packet: { cmd: 'disconnect' }, fields: { type: 'DISCONNECT' } },
  {
    level: 5,
    packet: { cmd: 'disconnect', reasonCode: 0x8e, properties: { reasonString: 'bye' } },
    fields: { reasonCode: 0x8e, reason: 'Session taken over', properties: { reasonString: 'bye' } },
  },
  {
    level: 5,
    packet: {
      cmd: 'auth',
      reasonCode: 0x18,
      properties: { authenticationMethod: 'SCRAM', authenticationData: Buffer.from([0]) },
    },
    fields: {
      type: 'AUTH',
      reasonCode: 0x18,
      properties: { authenticationMethod: 'SCRAM', authenticationData: { $bytes: '00' } },
    },
  },
];

describe('MQTT against mqtt-packet', () => {
  it.each(ORACLE_CASES)(
    'reads $packet.cmd (level $level) as mqtt-packet writes it',
    ({ level, packet, fields }) => {
      const session = (packet as { cmd: string }).cmd === 'connect' ? decoder.start(facts) : connected(level);
      expect(decodeOne(session, 'in', generate(packet, level)).fields).toMatchObject(fields);
    },
  );

  it('reads all fifteen packet types in one stream, split anywhere', () => {
    const stream = Buffer.concat(
      ORACLE_CASES.filter((c) => c.level === 5 && (c.packet as { cmd: string }).cmd !== 'connect').map((c) =>
        generate(c.packet, 5),
      ),
    );
    const whole = decodeAll(connected(5), 'in', stream).map((message) => message.type);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }),
        (cuts) => {
          const session = connected(5);
          const edges = [0, ...cuts.sort((a, b) => a - b), stream.length];
          const types = edges
            .slice(1)
            .flatMap((end, i) => decodeAll(session, 'in', stream.subarray(edges[i], end)));
          expect(types.map((message) => message.type)).toEqual(whole);
        },
      ),
    );
    expect(
      new Set([
        ...whole,
        'CONNECT',
        'PUBACK',
        'PUBREL',
        'PUBCOMP',
        'SUBACK',
        'UNSUBSCRIBE',
        'PINGREQ',
        'PINGRESP',
      ]).size,
    ).toBe(15);
  });

  it('composes what mqtt-packet reads as the same packets', () => {
    const context = counter();
    expect(
      oracleParse(composed({ type: 'connect', clientId: 'me', username: 'u', password: 'p' }, context), 4),
    ).toMatchObject([
      { cmd: 'connect', protocolVersion: 4, clean: true, keepalive: 60, clientId: 'me', username: 'u' },
    ]);
    expect(oracleParse(composed({ type: 'subscribe', topic: 't/#', qos: 0 }, context), 4)).toMatchObject([
      { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 't/#', qos: 0 }] },
    ]);
    const publish = oracleParse(
      composed({ type: 'publish', topic: 't/1', payload: 'hello', qos: 1 }, context),
      4,
    );
    expect(publish).toMatchObject([{ cmd: 'publish', topic: 't/1', qos: 1, messageId: 2 }]);
    expect(String((publish[0] as mqttPacket.IPublishPacket).payload)).toBe('hello');
    expect(oracleParse(composed({ type: 'unsubscribe', topic: ['a', 'b'] }, context), 4)).toMatchObject([
      { cmd: 'unsubscribe', messageId: 3, unsubscriptions: ['a', 'b'] },
    ]);
    expect(oracleParse(composed({ type: 'pingreq' }), 4)).toMatchObject([{ cmd: 'pingreq' }]);
    expect(oracleParse(composed({ type: 'disconnect' }), 4)).toMatchObject([{ cmd: 'disconnect' }]);
    expect(toHex(composed({ type: 'pingreq' }))).toBe('c000');
  });

  it('composes MQTT 5 packets, with their empty properties, when configured or asked for', () => {
    const v5 = configureMqtt({ protocolLevel: 5 });
    const stream = Buffer.concat([
      composed({ type: 'connect', clientId: 'five' }, counter(), v5),
      composed({ type: 'subscribe', topic: 't/#', qos: 1 }, counter(), v5),
      composed({ type: 'publish', topic: 't/1', payload: { n: 1 }, qos: 2, retain: true }, counter(), v5),
      composed({ type: 'unsubscribe', topic: 't/#', version: 5 }),
    ]);
    expect(oracleParse(stream, 5)).toMatchObject([
      { cmd: 'connect', protocolVersion: 5, clientId: 'five' },
      { cmd: 'subscribe', messageId: 1 },
      { cmd: 'publish', qos: 2, retain: true, messageId: 1 },
      { cmd: 'unsubscribe', unsubscriptions: ['t/#'] },
    ]);
  });

  it('says what is wrong with a description', () => {
    const compose = (description: unknown) => decoder.compose!(description, counter());
    expect(compose('x')).toMatchObject({ ok: false, error: expect.stringContaining('is an object') });
    expect(compose({ type: 'publish', topic: 't', qos: 3 })).toEqual({
      ok: false,
      error: '"qos" is 0, 1 or 2',
    });
    expect(compose({ type: 'subscribe' })).toEqual({
      ok: false,
      error: '"topic" is a topic filter, or a list of them',
    });
    expect(compose({ type: 'publish', payload: 'x' })).toEqual({
      ok: false,
      error: '"topic" is a topic name',
    });
    expect(compose({ type: 'connect', keepalive: -1 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('keepalive'),
    });
    expect(compose({ type: 'connect', version: 6 })).toEqual({
      ok: false,
      error: '"version" is 3, 4 (3.1.1) or 5',
    });
    expect(compose({ type: 'nope' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('connect, subscribe, publish'),
    });
  });
});

describe('MQTT round trips', () => {
  it('decodes every publish it composes to the same topic, payload and QoS', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(4, 5),
        (topic, payload, qos, level) => {
          const session = connected(level as 4 | 5);
          const bytes = composed({ type: 'publish', topic, payload, qos, version: level });
          expect(decodeOne(session, 'out', bytes).fields).toMatchObject({ topic, payload, qos });
        },
      ),
    );
  });

  it('assigns packet ids from the context, from 1 to 65535', () => {
    const ids = [1, 65535, 65536, 0].map((id) => {
      const bytes = composed({ type: 'subscribe', topic: 't' }, { nextId: () => id });
      return decodeOne(connected(4), 'out', bytes).fields.packetId;
    });
    expect(ids).toEqual([1, 65535, 1, 65535]);
  });
});

describe('MQTT pairing', () => {
  it('pairs CONNECT↔CONNACK, SUBSCRIBE↔SUBACK, PUBLISH(qos1)↔PUBACK, PINGREQ↔PINGRESP both ways', () => {
    const session = decoder.start(facts);
    const context = counter();
    const pair = (dir: Direction, bytes: Uint8Array) => decodeOne(session, dir, bytes).pairing;
    expect(pair('out', composed({ type: 'connect', clientId: 'x' }, context))).toEqual({
      key: 'connect',
      role: 'request',
    });
    expect(pair('in', hex('20 02 00 00'))).toEqual({ key: 'connect', role: 'reply', final: true });
    expect(pair('out', composed({ type: 'subscribe', topic: 't', qos: 1 }, context))).toEqual({
      key: 'subscribe:out:1',
      role: 'request',
    });
    expect(pair('in', hex('90 03 00 01 01'))).toEqual({ key: 'subscribe:out:1', role: 'reply', final: true });
    expect(pair('out', composed({ type: 'publish', topic: 't', qos: 1 }, context))).toEqual({
      key: 'publish:out:2',
      role: 'request',
    });
    expect(pair('in', hex('40 02 00 02'))).toEqual({ key: 'publish:out:2', role: 'reply', final: true });
    // The server's own PUBLISH with the same id is another exchange.
    expect(
      pair('in', generate({ cmd: 'publish', topic: 't', payload: '', qos: 1, messageId: 2 }, 4)),
    ).toEqual({
      key: 'publish:in:2',
      role: 'request',
    });
    expect(pair('out', hex('40 02 00 02'))).toEqual({ key: 'publish:in:2', role: 'reply', final: true });
    expect(pair('out', hex('c0 00'))).toEqual({ key: 'ping', role: 'request' });
    expect(pair('in', hex('d0 00'))).toEqual({ key: 'ping', role: 'reply', final: true });
    expect(pair('out', composed({ type: 'unsubscribe', topic: 't' }, context))).toEqual({
      key: 'unsubscribe:out:3',
      role: 'request',
    });
    expect(pair('in', hex('b0 02 00 03'))).toEqual({ key: 'unsubscribe:out:3', role: 'reply', final: true });
  });

  it('pairs QoS 2 as PUBLISH↔PUBREC and PUBREL↔PUBCOMP', () => {
    const session = connected(4);
    const pair = (dir: Direction, bytes: Uint8Array) => decodeOne(session, dir, bytes).pairing;
    expect(pair('out', composed({ type: 'publish', topic: 't', qos: 2 }))).toEqual({
      key: 'publish:out:1',
      role: 'request',
    });
    expect(pair('in', hex('50 02 00 01'))).toEqual({ key: 'publish:out:1', role: 'reply', final: true });
    expect(pair('out', hex('62 02 00 01'))).toEqual({ key: 'pubrel:out:1', role: 'request' });
    expect(pair('in', hex('70 02 00 01'))).toEqual({ key: 'pubrel:out:1', role: 'reply', final: true });
  });
});

describe('MQTT keep-alive', () => {
  it('opens with a clean 3.1.1 CONNECT, a wsi- client id and keep alive 60 s', () => {
    const frames = decoder.keepAlive!(facts).onOpen(facts);
    expect(frames).toHaveLength(1);
    const [connect] = oracleParse(
      (frames[0] as { bytes: Uint8Array }).bytes,
      4,
    ) as mqttPacket.IConnectPacket[];
    expect(connect).toMatchObject({ cmd: 'connect', protocolVersion: 4, clean: true, keepalive: 60 });
    expect(connect?.clientId).toMatch(/^wsi-[0-9a-f]{8}$/);
    const again = decoder.keepAlive!(facts).onOpen(facts)[0] as { bytes: Uint8Array };
    expect(oracleParse(again.bytes, 4)[0]).not.toMatchObject({ clientId: connect?.clientId });
  });

  it('opens with MQTT 5 when configured so', () => {
    const [frame] = configureMqtt({ protocolLevel: 5 }).keepAlive!(facts).onOpen(facts);
    expect(oracleParse((frame as { bytes: Uint8Array }).bytes, 5)).toMatchObject([
      { cmd: 'connect', protocolVersion: 5 },
    ]);
  });

  it('sends PINGREQ every 30 s', () => {
    expect(decoder.keepAlive!(facts).heartbeat).toEqual({
      intervalMs: 30_000,
      frame: { bytes: hex('c0 00') },
    });
  });

  it('acknowledges what the server delivers at QoS 1 and 2, and nothing else', () => {
    const keepAlive = decoder.keepAlive!(facts);
    const session = connected(4);
    const answer = (bytes: Uint8Array) =>
      keepAlive
        .answer(decodeOne(session, 'in', bytes))
        .map((frame) => toHex((frame as { bytes: Uint8Array }).bytes));
    expect(answer(generate({ cmd: 'publish', topic: 't', payload: 'a', qos: 1, messageId: 7 }, 4))).toEqual([
      '40020007',
    ]);
    expect(answer(generate({ cmd: 'publish', topic: 't', payload: 'a', qos: 2, messageId: 8 }, 4))).toEqual([
      '50020008',
    ]);
    expect(answer(hex('62 02 00 08'))).toEqual(['70020008']);
    expect(answer(hex('30 03 00 01 74'))).toEqual([]);
    expect(answer(hex('d0 00'))).toEqual([]);
  });
});

describe('MQTT detection', () => {
  it('names the subprotocols and sniffs a client CONNECT', () => {
    expect(entry).toMatchObject({ id: 'mqtt', label: 'MQTT' });
    expect(['mqtt', 'mqttv3.1', 'MQTT'].map((p) => entry.byProtocol!(p))).toEqual([true, true, true]);
    expect(entry.byProtocol!('v12.stomp')).toBe(false);
    expect(entry.sniff!({ dir: 'out', bytes: hex('10 0c 00 04 4d 51 54 54 04 02 00 1e 00 00') })).toBe(true);
    const longConnect = generate(
      { cmd: 'connect', protocolId: 'MQIsdp', protocolVersion: 3, clientId: 'c'.repeat(200) },
      4,
    );
    expect(entry.sniff!({ dir: 'out', bytes: longConnect })).toBe(true);
    expect(entry.sniff!({ dir: 'out', bytes: hex('10 0c 00 04 4d 51 54') })).toBe(false);
    expect(entry.sniff!({ dir: 'in', bytes: hex('20 02 00 00') })).toBe(false);
    expect(entry.sniff!({ dir: 'in', text: '\x10\x0c\x00\x04MQTT' })).toBe(false);
  });

  it('loads the decoder', async () => {
    expect(await entry.load()).toBe(decoder);
  });
});

describe('MQTT fuzz', () => {
  const isResult = (result: unknown) =>
    expect(result).toSatisfy(
      (r: { ok: boolean; value?: unknown; error?: unknown }) =>
        (r.ok === true && Array.isArray(r.value)) || (r.ok === false && typeof r.error === 'string'),
    );

  it('never throws on random bytes in any order, and always returns a Result', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dir: fc.constantFrom<Direction>('in', 'out'),
            bytes: fc.uint8Array({ maxLength: 60 }),
          }),
        ),
        fc.boolean(),
        (frames, afterConnect) => {
          const session = afterConnect ? connected(5) : decoder.start(facts);
          for (const frame of frames) isResult(session.decode(frame));
          for (const frame of frames) entry.sniff!(frame);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on truncations and corruptions of valid packets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORACLE_CASES),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        ({ level, packet }, cut, at, value) => {
          const bytes = generate(packet, level).slice();
          const session = connected(level);
          isResult(session.decode({ dir: 'in', bytes: bytes.subarray(0, cut % (bytes.length + 1)) }));
          bytes[at % bytes.length] = value;
          isResult(connected(level).decode({ dir: 'in', bytes }));
        },
      ),
      { numRuns: 500 },
    );
  });
});
