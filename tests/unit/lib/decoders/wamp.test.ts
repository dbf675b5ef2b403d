import { encode as encodeMsgpack } from '@msgpack/msgpack';
import { encode as encodeCbor } from 'cbor2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ComposeContext,
  ConnectionFacts,
  DecodedMessage,
  WireFrame,
} from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/wamp/detect';
import { decoder } from '../../../../src/lib/decoders/wamp/index';

const json: ConnectionFacts = { url: 'wss://router.example/ws?realm=somerealm', protocol: 'wamp.2.json' };

function counter(): ComposeContext {
  let id = 0;
  return { nextId: () => id++ };
}

function decodeAll(frame: WireFrame, facts = json): DecodedMessage[] {
  const result = decoder.start(facts).decode(frame);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const text = (value: unknown, dir: 'in' | 'out' = 'in'): WireFrame => ({ dir, text: JSON.stringify(value) });

describe('WAMP detection', () => {
  it('knows the three serializers’ subprotocols and a HELLO', () => {
    for (const p of ['wamp.2.json', 'wamp.2.msgpack', 'wamp.2.cbor', 'wamp.2.json.batched'])
      expect(entry.byProtocol!(p)).toBe(true);
    expect(entry.byProtocol!('wamp.2.xml')).toBe(false);
    expect(entry.sniff!({ dir: 'out', text: '[1,"somerealm",{}]' })).toBe(true);
    expect(entry.label).toBe('WAMP');
  });
});

describe('WAMP decoding: the spec’s messages', () => {
  it('HELLO and WELCOME, a control pair', () => {
    const [hello] = decodeAll(text([1, 'somerealm', { roles: { publisher: {}, subscriber: {} } }], 'out'));
    expect(hello).toMatchObject({
      type: 'HELLO',
      key: 'somerealm',
      control: true,
      fields: { realm: 'somerealm', details: { roles: { publisher: {} } } },
      pairing: { key: 'session', role: 'request' },
    });
    const [welcome] = decodeAll(text([2, 9129137332, { roles: { broker: {} } }]));
    expect(welcome).toMatchObject({
      type: 'WELCOME',
      key: '9129137332',
      fields: { session: 9129137332 },
      pairing: { key: 'session', role: 'reply', final: true },
    });
  });

  it('SUBSCRIBE↔SUBSCRIBED and CALL↔RESULT pair by request id', () => {
    expect(decodeAll(text([32, 713845233, {}, 'com.myapp.mytopic1'], 'out'))[0]).toMatchObject({
      type: 'SUBSCRIBE',
      key: 'com.myapp.mytopic1',
      pairing: { key: '32:713845233', role: 'request' },
    });
    expect(decodeAll(text([33, 713845233, 5512315355]))[0]).toMatchObject({
      type: 'SUBSCRIBED',
      fields: { subscription: 5512315355 },
      pairing: { key: '32:713845233', role: 'reply', final: true },
    });
    expect(decodeAll(text([48, 7814135, {}, 'com.myapp.add2', [23, 7]], 'out'))[0]).toMatchObject({
      summary: 'CALL com.myapp.add2 [23,7]',
      pairing: { key: '48:7814135', role: 'request' },
    });
    expect(decodeAll(text([50, 7814135, {}, [30]]))[0]).toMatchObject({
      summary: 'RESULT 7814135 [30]',
      fields: { arguments: [30] },
      pairing: { key: '48:7814135', final: true },
    });
    expect(decodeAll(text([50, 7814135, { progress: true }, [1]]))[0]?.pairing).toMatchObject({
      final: false,
    });
    expect(
      decodeAll(text([8, 48, 7814135, {}, 'com.myapp.error.overflow', [], { max: 1 }]))[0],
    ).toMatchObject({
      type: 'ERROR',
      key: 'com.myapp.error.overflow',
      fields: { requestType: 48, argumentsKw: { max: 1 } },
      pairing: { key: '48:7814135', role: 'reply', final: true },
    });
  });

  it('INVOCATION↔YIELD use the router’s id; EVENT names its subscription; every code has a name', () => {
    expect(decodeAll(text([68, 6131533, 9823529, {}, ['Hello']]))[0]).toMatchObject({
      type: 'INVOCATION',
      pairing: { key: '68:6131533', role: 'request' },
    });
    expect(decodeAll(text([70, 6131533, {}, ['x']], 'out'))[0]?.pairing).toEqual({
      key: '68:6131533',
      role: 'reply',
      final: true,
    });
    expect(decodeAll(text([36, 5512315355, 4429313566, {}, ['Hello, world!']]))[0]).toMatchObject({
      type: 'EVENT',
      key: '5512315355',
    });
    const names = [
      1, 2, 3, 4, 5, 6, 8, 16, 17, 32, 33, 34, 35, 36, 48, 49, 50, 64, 65, 66, 67, 68, 69, 70,
    ].map((code) => decodeAll(text([code, 1, {}]))[0]?.type);
    expect(names).toEqual([
      'HELLO',
      'WELCOME',
      'ABORT',
      'CHALLENGE',
      'AUTHENTICATE',
      'GOODBYE',
      'ERROR',
      'PUBLISH',
      'PUBLISHED',
      'SUBSCRIBE',
      'SUBSCRIBED',
      'UNSUBSCRIBE',
      'UNSUBSCRIBED',
      'EVENT',
      'CALL',
      'CANCEL',
      'RESULT',
      'REGISTER',
      'REGISTERED',
      'UNREGISTER',
      'UNREGISTERED',
      'INVOCATION',
      'INTERRUPT',
      'YIELD',
    ]);
  });

  it('reads MessagePack and CBOR, batched or not', () => {
    const call = [48, 7814135, {}, 'com.myapp.add2', [23, 7]];
    for (const [protocol, bytes] of [
      ['wamp.2.msgpack', encodeMsgpack(call)],
      ['wamp.2.cbor', encodeCbor(call)],
      ['', encodeMsgpack(call)],
      ['', encodeCbor(call)],
    ] as const) {
      expect(decodeAll({ dir: 'out', bytes }, { ...json, protocol })[0]).toMatchObject({
        type: 'CALL',
        fields: { arguments: [23, 7] },
      });
    }
    const body = encodeMsgpack([33, 1, 2]);
    const batch = new Uint8Array([0, 0, 0, body.length, ...body, 0, 0, 0, body.length, ...body]);
    expect(
      decodeAll({ dir: 'in', bytes: batch }, { ...json, protocol: 'wamp.2.msgpack.batched' }),
    ).toHaveLength(2);
    expect(
      decodeAll(
        { dir: 'in', text: '[33,1,2]\u001e[35,3]\u001e' },
        { ...json, protocol: 'wamp.2.json.batched' },
      ).map((m) => m.type),
    ).toEqual(['SUBSCRIBED', 'UNSUBSCRIBED']);
  });

  it('says why a frame is not WAMP', () => {
    const session = decoder.start(json);
    expect(session.decode({ dir: 'in', text: '{}' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('array'),
    });
    expect(session.decode({ dir: 'in', text: '[7]' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('7 is not a WAMP message code'),
    });
    expect(
      decoder
        .start({ ...json, protocol: 'wamp.2.cbor' })
        .decode({ dir: 'in', bytes: new Uint8Array([0xff]) }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('CBOR') });
  });
});

describe('WAMP composing', () => {
  it('writes messages from named fields, assigning request ids and empty options', () => {
    const compose = (d: unknown) => decoder.compose!(d, counter());
    expect(compose({ type: 'CALL', procedure: 'com.myapp.add2', arguments: [23, 7] })).toEqual({
      ok: true,
      value: [{ text: '[48,1,{},"com.myapp.add2",[23,7]]' }],
    });
    expect(compose({ type: 'subscribe', topic: 'com.myapp.mytopic1' })).toEqual({
      ok: true,
      value: [{ text: '[32,1,{},"com.myapp.mytopic1"]' }],
    });
    expect(compose({ type: 16, topic: 't', argumentsKw: { a: 1 } })).toEqual({
      ok: true,
      value: [{ text: '[16,1,{},"t",[],{"a":1}]' }],
    });
    expect(compose([48, 5, {}, 'p'])).toEqual({ ok: true, value: [{ text: '[48,5,{},"p"]' }] });
    expect(compose({ type: 'CALL' })).toMatchObject({ ok: false, error: 'CALL needs "procedure"' });
    expect(compose({ type: 'NOPE' })).toMatchObject({ ok: false });
    const binary = compose({ type: 'CALL', procedure: 'p', encoding: 'cbor' });
    expect(binary.ok && 'bytes' in binary.value[0]! ? Array.from(binary.value[0].bytes) : []).toEqual(
      Array.from(encodeCbor([48, 1, {}, 'p'])),
    );
  });

  it('round trips in every serializer', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('json', 'msgpack', 'cbor'),
        fc.string(),
        fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean())),
        (encoding, procedure, args) => {
          const result = decoder.compose!({ type: 'CALL', procedure, arguments: args, encoding }, counter());
          const frame = result.ok ? result.value[0]! : { text: '' };
          const [decoded] = decodeAll({ dir: 'out', ...frame }, { ...json, protocol: `wamp.2.${encoding}` });
          expect(decoded?.fields).toMatchObject({ procedure, arguments: args });
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe('WAMP keep-alive', () => {
  it('says HELLO in the negotiated serializer and answers a router’s GOODBYE', () => {
    expect(decoder.keepAlive!(json).onOpen(json)).toEqual([
      { text: '[1,"somerealm",{"roles":{"caller":{},"callee":{},"publisher":{},"subscriber":{}}}]' },
    ]);
    const cbor = { url: 'wss://r/ws', protocol: 'wamp.2.cbor' };
    expect(decoder.keepAlive!(cbor).onOpen(cbor)).toEqual([
      {
        bytes: encodeCbor([
          1,
          'realm1',
          { roles: { caller: {}, callee: {}, publisher: {}, subscriber: {} } },
        ]),
      },
    ]);
    const keepAlive = decoder.keepAlive!(json);
    expect(keepAlive.answer(decodeAll(text([6, {}, 'wamp.close.system_shutdown']))[0]!)).toEqual([
      { text: '[6,{},"wamp.close.goodbye_and_out"]' },
    ]);
    expect(keepAlive.answer(decodeAll(text([6, {}, 'wamp.close.goodbye_and_out']))[0]!)).toEqual([]);
    expect(keepAlive.heartbeat).toBeUndefined();
  });
});

describe('WAMP decoding never throws', () => {
  it('returns a result for random text and bytes in every serializer', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'wamp.2.json',
          'wamp.2.msgpack',
          'wamp.2.cbor',
          'wamp.2.json.batched',
          'wamp.2.msgpack.batched',
          '',
        ),
        fc.oneof(
          fc.string({ unit: 'binary' }).map((t) => ({ text: t })),
          fc.json().map((t) => ({ text: t })),
          fc.uint8Array().map((bytes) => ({ bytes })),
        ),
        (protocol, frame) => {
          expect(typeof decoder.start({ ...json, protocol }).decode({ dir: 'in', ...frame }).ok).toBe(
            'boolean',
          );
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
