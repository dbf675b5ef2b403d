import { decode as decodeMsgpack, encode as encodeMsgpack } from '@msgpack/msgpack';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ComposeContext,
  ConnectionFacts,
  DecodedMessage,
  OutgoingFrame,
  WireFrame,
} from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/signalr/detect';
import { decoder } from '../../../../src/lib/decoders/signalr/index';

const facts: ConnectionFacts = { url: 'wss://h.example/chatHub?id=abc', protocol: '' };
const RS = '\u001e';

function counter(): ComposeContext {
  let id = 0;
  return { nextId: () => id++ };
}

function decodeFrame(frame: WireFrame): DecodedMessage[] {
  const result = decoder.start(facts).decode(frame);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function composeOne(description: unknown): OutgoingFrame {
  const result = decoder.compose!(description, counter());
  if (!result.ok) throw new Error(result.error);
  return result.value[0]!;
}

function framed(array: unknown[]): Uint8Array {
  const body = encodeMsgpack(array);
  expect(body.length).toBeLessThan(128);
  return new Uint8Array([body.length, ...body]);
}

describe('SignalR detection', () => {
  it('knows the handshake, JSON hub records and a hub URL with its connection token', () => {
    expect(entry.sniff!({ dir: 'out', text: `{"protocol":"json","version":1}${RS}` })).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: `{"type":6}${RS}` })).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: '{"type":6}' })).toBe(false);
    expect(entry.byUrl!(new URL(facts.url))).toBe(true);
    expect(entry.byUrl!(new URL('ws://h/hubs/chat?id=1'))).toBe(true);
    expect(entry.byUrl!(new URL('ws://h/chat'))).toBe(false);
    expect(entry.label).toBe('SignalR');
  });
});

describe('SignalR JSON hub protocol', () => {
  it('decodes the handshake and its response as a control pair', () => {
    const [request] = decodeFrame({ dir: 'out', text: `{"protocol":"json","version":1}${RS}` });
    expect(request).toMatchObject({
      type: 'Handshake',
      key: 'json',
      control: true,
      pairing: { key: 'handshake', role: 'request' },
    });
    const [response] = decodeFrame({ dir: 'in', text: `{}${RS}` });
    expect(response).toMatchObject({
      type: 'HandshakeResponse',
      control: true,
      pairing: { key: 'handshake', role: 'reply', final: true },
    });
    expect(
      decodeFrame({
        dir: 'in',
        text: `{"error":"Requested protocol 'messagepack' is not available."}${RS}`,
      })[0]?.summary,
    ).toBe("HandshakeResponse Requested protocol 'messagepack' is not available.");
  });

  it('names every type by number, with the spec’s messages', () => {
    const messages = decodeFrame({
      dir: 'in',
      text: [
        '{"type":1,"invocationId":"123","target":"Send","arguments":[42,"Test Message"]}',
        '{"type":2,"invocationId":"123","item":42}',
        '{"type":3,"invocationId":"123","result":42}',
        '{"type":3,"invocationId":"124","error":"It didn\'t work!"}',
        '{"type":4,"invocationId":"125","target":"Stream","arguments":[]}',
        '{"type":5,"invocationId":"125"}',
        '{"type":6}',
        '{"type":7,"error":"Connection closed because of an error!","allowReconnect":true}',
        '{"type":1,"target":"Notify","arguments":["x"]}',
      ]
        .map((record) => record + RS)
        .join(''),
    });
    expect(messages.map((m) => m.summary)).toEqual([
      'Invocation Send [42,"Test Message"]',
      'StreamItem 123 42',
      'Completion 123 42',
      "Completion 124 It didn't work!",
      'StreamInvocation Stream []',
      'CancelInvocation 125',
      'Ping',
      'Close Connection closed because of an error!',
      'Invocation Notify ["x"]',
    ]);
    expect(messages.map((m) => m.pairing)).toEqual([
      { key: 'invocation:123', role: 'request' },
      { key: 'invocation:123', role: 'reply', final: false },
      { key: 'invocation:123', role: 'reply', final: true },
      { key: 'invocation:124', role: 'reply', final: true },
      { key: 'invocation:125', role: 'request' },
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(messages[6]?.control).toBe(true);
    expect(messages[0]?.fields).toMatchObject({
      type: 'Invocation',
      typeCode: 1,
      target: 'Send',
      arguments: [42, 'Test Message'],
    });
  });

  it('says why a frame is not a JSON hub message', () => {
    const session = decoder.start(facts);
    expect(session.decode({ dir: 'in', text: '{"type":6}' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('0x1E'),
    });
    expect(session.decode({ dir: 'in', text: `{"type":6}${RS}nope${RS}` })).toMatchObject({
      ok: false,
      error: expect.stringContaining('record 2 is not JSON'),
    });
    expect(session.decode({ dir: 'in', text: `[1]${RS}` })).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a JSON object'),
    });
  });
});

describe('SignalR MessagePack hub protocol', () => {
  it('decodes the spec’s Invocation vector', () => {
    const spec = [
      0x96, 0x01, 0x80, 0xa3, 0x78, 0x79, 0x7a, 0xa6, 0x6d, 0x65, 0x74, 0x68, 0x6f, 0x64, 0x91, 0x2a, 0x90,
    ];
    const [message] = decodeFrame({ dir: 'in', bytes: new Uint8Array([spec.length, ...spec]) });
    expect(message).toMatchObject({
      type: 'Invocation',
      key: 'method',
      fields: { invocationId: 'xyz', target: 'method', arguments: [42], streamIds: [] },
      pairing: { key: 'invocation:xyz', role: 'request' },
    });
  });

  it('reads VarInt lengths over several bytes (80 29 = 5248)', () => {
    const body = encodeMsgpack([2, {}, 'big', 'x'.repeat(5238)]);
    expect(body.length).toBe(5248);
    const [message] = decodeFrame({ dir: 'in', bytes: new Uint8Array([0x80, 0x29, ...body]) });
    expect(message).toMatchObject({ type: 'StreamItem', key: 'big' });
  });

  it('decodes every type, several per frame, and the ping the spec gives as 91 06', () => {
    const bytes = new Uint8Array([
      ...framed([3, {}, 'xyz', 1, 'Error!']),
      ...framed([3, {}, 'xyz', 2]),
      ...framed([3, {}, 'xyz', 3, 42]),
      ...framed([5, {}, 'xyz']),
      0x02,
      0x91,
      0x06,
      ...framed([7, 'bye', true]),
      ...framed([8, 36]),
    ]);
    const messages = decodeFrame({ dir: 'in', bytes });
    expect(messages.map((m) => m.summary)).toEqual([
      'Completion xyz Error!',
      'Completion xyz',
      'Completion xyz 42',
      'CancelInvocation xyz',
      'Ping',
      'Close bye',
      'Ack 36',
    ]);
  });

  it('decodes a MessagePack client’s handshake response, JSON in a binary frame', () => {
    const [response] = decodeFrame({ dir: 'in', bytes: new TextEncoder().encode(`{}${RS}`) });
    expect(response).toMatchObject({ type: 'HandshakeResponse', fields: { encoding: 'messagepack' } });
  });

  it('says why bytes are not a MessagePack hub message', () => {
    const session = decoder.start(facts);
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([0x05, 0x91]) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('says 5 bytes'),
    });
    expect(
      session.decode({ dir: 'in', bytes: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]) }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('longer than 5 bytes') });
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([0x01, 0xc1]) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('not MessagePack'),
    });
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([0x01, 0x2a]) })).toMatchObject({
      ok: false,
      error: expect.stringContaining('message type'),
    });
  });
});

describe('SignalR composing', () => {
  it('writes JSON hub records, assigning invocation ids', () => {
    expect(composeOne({ type: 1, target: 'Send', arguments: ['hi'] })).toEqual({
      text: `{"type":1,"target":"Send","arguments":["hi"],"invocationId":"0"}${RS}`,
    });
    expect(composeOne({ type: 'Invocation', target: 'Notify', invocationId: null })).toEqual({
      text: `{"type":1,"target":"Notify","arguments":[]}${RS}`,
    });
    expect(composeOne({ type: 'ping' })).toEqual({ text: `{"type":6}${RS}` });
    expect(composeOne({ protocol: 'messagepack', version: 1 })).toEqual({
      text: `{"protocol":"messagepack","version":1}${RS}`,
    });
  });

  it('writes the MessagePack protocol’s frames: the spec’s Invocation byte for byte', () => {
    const frame = composeOne({
      encoding: 'messagepack',
      type: 1,
      headers: {},
      invocationId: 'xyz',
      target: 'method',
      arguments: [42],
      streamIds: [],
    });
    expect(Array.from((frame as { bytes: Uint8Array }).bytes)).toEqual([
      0x11, 0x96, 0x01, 0x80, 0xa3, 0x78, 0x79, 0x7a, 0xa6, 0x6d, 0x65, 0x74, 0x68, 0x6f, 0x64, 0x91, 0x2a,
      0x90,
    ]);
    const completion = composeOne({
      encoding: 'messagepack',
      type: 3,
      invocationId: 'a',
      result: { ok: true },
    });
    expect(decodeMsgpack((completion as { bytes: Uint8Array }).bytes.subarray(1))).toEqual([
      3,
      {},
      'a',
      3,
      { ok: true },
    ]);
  });

  it('says what is wrong with a description', () => {
    const compose = (d: unknown) => decoder.compose!(d, counter());
    expect(compose([])).toMatchObject({ ok: false });
    expect(compose({ type: 'Nope' })).toMatchObject({ ok: false, error: expect.stringContaining('"type"') });
    expect(compose({ type: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('"target"') });
    expect(compose({ type: 1, target: 'x', encoding: 'xml' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"encoding"'),
    });
  });

  it('round trips both encodings: compose, then decode, gives the same message', () => {
    // @msgpack/msgpack refuses a `__proto__` map key when decoding (its guard against prototype pollution), so such
    // a message decodes to an error that says so instead of round-tripping: left out of this property.
    const value = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('"__proto__"'));
    const message = fc.oneof(
      fc.record({
        type: fc.constant(1),
        target: fc.string(),
        arguments: fc.array(value, { maxLength: 3 }),
        invocationId: fc.string(),
      }),
      fc.record({ type: fc.constant(2), invocationId: fc.string(), item: value }),
      fc.record({ type: fc.constant(3), invocationId: fc.string(), result: value }),
      fc.record({ type: fc.constant(3), invocationId: fc.string(), error: fc.string() }),
    );
    fc.assert(
      fc.property(message, fc.constantFrom('json', 'messagepack'), (description, encoding) => {
        const frame = composeOne({ ...description, encoding });
        const [decoded] = decodeFrame(
          'text' in frame ? { dir: 'out', text: frame.text } : { dir: 'out', bytes: frame.bytes },
        );
        const expected = JSON.parse(JSON.stringify(description)) as Record<string, unknown>;
        expect(decoded?.fields).toMatchObject({
          ...expected,
          type: decoded?.type,
          typeCode: description.type,
        });
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe('SignalR keep-alive', () => {
  it('sends the JSON handshake on open and pings every 15 s, in MessagePack once the response is binary', () => {
    const keepAlive = decoder.keepAlive!(facts);
    expect(keepAlive.onOpen(facts)).toEqual([{ text: `{"protocol":"json","version":1}${RS}` }]);
    expect(keepAlive.heartbeat).toEqual({ intervalMs: 15_000, frame: { text: `{"type":6}${RS}` } });
    expect(keepAlive.answer(decodeFrame({ dir: 'in', text: `{"type":6}${RS}` })[0]!)).toEqual([]);
    keepAlive.answer(decodeFrame({ dir: 'in', bytes: new TextEncoder().encode(`{}${RS}`) })[0]!);
    expect(keepAlive.heartbeat).toEqual({
      intervalMs: 15_000,
      frame: { bytes: new Uint8Array([0x02, 0x91, 0x06]) },
    });
    expect(
      decodeFrame({ dir: 'out', bytes: (keepAlive.heartbeat!.frame as { bytes: Uint8Array }).bytes })[0]
        ?.type,
    ).toBe('Ping');
  });
});

describe('SignalR decoding never throws', () => {
  it('returns a result for random text, random bytes and damaged messages', () => {
    const damaged = fc
      .tuple(
        fc.constantFrom(framed([1, {}, 'xyz', 'method', [42], []]), framed([3, {}, 'a', 3, { n: [1, 2] }])),
        fc.nat(),
        fc.nat(255),
      )
      .map(([bytes, at, byte]) => {
        const cut = bytes.slice(0, at % (bytes.length + 1));
        if (cut.length) cut[at % cut.length] = byte;
        return cut;
      });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }).map((text) => ({ dir: 'in' as const, text })),
          fc.string().map((text) => ({ dir: 'in' as const, text: text + RS })),
          fc.uint8Array().map((bytes) => ({ dir: 'in' as const, bytes })),
          damaged.map((bytes) => ({ dir: 'in' as const, bytes })),
        ),
        (frame) => {
          expect(typeof decoder.start(facts).decode(frame).ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
