import { encode as encodeMsgpack } from '@msgpack/msgpack';
import fc from 'fast-check';
import { Decoder as OracleDecoder, Encoder as OracleEncoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import type { ComposeContext, DecodedMessage, WireFrame } from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/socket-io/detect';
import { decoder } from '../../../../src/lib/decoders/socket-io/index';

const EIO4 = { url: 'ws://h/socket.io/?EIO=4&transport=websocket', protocol: '' };
const EIO3 = { url: 'ws://h/socket.io/?EIO=3&transport=websocket', protocol: '' };

function counter(): ComposeContext {
  let id = 0;
  return { nextId: () => ++id };
}

/** Decodes frames in order through one session; every frame must decode. */
function decodeAll(frames: WireFrame[], facts = EIO4): DecodedMessage[][] {
  const session = decoder.start(facts);
  return frames.map((frame) => {
    const result = session.decode(frame);
    if (!result.ok) throw new Error(result.error);
    return result.value;
  });
}

function decodeOne(text: string, dir: 'in' | 'out' = 'in'): DecodedMessage {
  const [messages] = decodeAll([{ dir, text }]);
  expect(messages).toHaveLength(1);
  return messages![0]!;
}

describe('detection', () => {
  it('knows Socket.IO by its URL and by the server’s open packet', () => {
    expect(entry.byUrl!(new URL(EIO4.url))).toBe(true);
    expect(entry.byUrl!(new URL('ws://h/chat'))).toBe(false);
    expect(entry.sniff!({ dir: 'in', text: '0{"sid":"a","upgrades":[],"pingInterval":25000}' })).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: '{"sid":1}' })).toBe(false);
    expect(entry.label).toBe('Socket.IO');
  });
});

describe('spec vectors', () => {
  it.each([
    ['42["hey","Jude"]', { type: 'EVENT', key: 'hey', summary: 'EVENT hey ["Jude"]' }],
    ['4212["foo"]', { type: 'EVENT', key: 'foo', summary: 'EVENT foo [] (ack id 12)' }],
    ['4312[]', { type: 'ACK', key: '12', summary: 'ACK 12 []' }],
    ['43/admin,13["bar"]', { type: 'ACK', key: '13', summary: 'ACK 13 ["bar"] (on /admin)' }],
    [
      '42/admin,1["tellme"]',
      { type: 'EVENT', key: 'tellme', summary: 'EVENT tellme [] (ack id 1, on /admin)' },
    ],
    ['41/admin,', { type: 'DISCONNECT', key: '/admin', summary: 'DISCONNECT /admin' }],
    ['40', { type: 'CONNECT', key: '/', control: true }],
    ['40{"sid":"abc"}', { type: 'CONNECT', key: '/', summary: 'CONNECT / {"sid":"abc"}' }],
    ['44{"message":"Not authorized"}', { type: 'CONNECT_ERROR', key: '/' }],
  ])('%s', (text, expected) => {
    expect(decodeOne(text)).toMatchObject(expected);
  });

  it('reads the fields a filter asks for', () => {
    expect(decodeOne('42/admin,7["chat",{"text":"hi"},2]').fields).toEqual({
      type: 'EVENT',
      nsp: '/admin',
      id: 7,
      data: ['chat', { text: 'hi' }, 2],
      event: 'chat',
      args: [{ text: 'hi' }, 2],
    });
  });

  it('decodes Engine.IO’s own packets as control messages', () => {
    const open = decodeOne(
      '0{"sid":"s1","upgrades":[],"pingInterval":300,"pingTimeout":1000,"maxPayload":1000000}',
    );
    expect(open).toMatchObject({
      type: 'open',
      control: true,
      summary: 'open sid s1, ping every 300 ms, timeout 1000 ms',
    });
    expect(open.fields).toMatchObject({ type: 'open', sid: 's1', pingInterval: 300 });
    expect(decodeOne('2')).toMatchObject({
      type: 'ping',
      control: true,
      pairing: { key: 'ping', role: 'request' },
    });
    expect(decodeOne('3', 'out')).toMatchObject({
      type: 'pong',
      pairing: { key: 'ping', role: 'reply', final: true },
    });
    expect(decodeOne('2probe')).toMatchObject({
      type: 'ping',
      summary: 'ping probe',
      pairing: { key: 'probe' },
    });
    expect(decodeOne('1')).toMatchObject({ type: 'close', control: true });
    expect(decodeOne('6')).toMatchObject({ type: 'noop' });
    expect(decodeOne('4hello')).toMatchObject({ type: 'message', summary: 'message "hello"' });
    // Without a type digit 0–6 in front, a message is plain Engine.IO, not a malformed Socket.IO packet.
    expect(decodeOne('47')).toMatchObject({ type: 'message', fields: { data: '7' } });
  });

  it('reassembles 451- with the attachment that follows it', () => {
    const [header, attachment] = decodeAll([
      { dir: 'in', text: '451-["baz",{"_placeholder":true,"num":0}]' },
      { dir: 'in', bytes: new Uint8Array([1, 2, 3, 4]) },
    ]);
    expect(header).toEqual([]);
    expect(attachment).toHaveLength(1);
    expect(attachment![0]).toMatchObject({
      type: 'BINARY_EVENT',
      key: 'baz',
      fields: { event: 'baz', args: [{ $bytes: '01020304' }], attachments: 1 },
    });
  });

  it('reassembles 461-/admin,1 as the ACK of ack 1 on /admin', () => {
    const [, attachment] = decodeAll([
      { dir: 'in', text: '461-/admin,1[{"_placeholder":true,"num":0}]' },
      { dir: 'in', bytes: new Uint8Array([0xff]) },
    ]);
    expect(attachment![0]).toMatchObject({
      type: 'BINARY_ACK',
      fields: { nsp: '/admin', id: 1, args: [{ $bytes: 'ff' }] },
      pairing: { key: 'ack:/admin:1', role: 'reply', final: true },
    });
  });

  it('places several attachments in order and keeps each direction apart', () => {
    const messages = decodeAll([
      { dir: 'in', text: '452-["two",{"_placeholder":true,"num":1},{"a":{"_placeholder":true,"num":0}}]' },
      { dir: 'out', text: '42["between"]' },
      { dir: 'in', bytes: new Uint8Array([0xaa]) },
      { dir: 'in', bytes: new Uint8Array([0xbb]) },
    ]);
    expect(messages.map((m) => m.length)).toEqual([0, 1, 0, 1]);
    expect(messages[3]![0]!.fields['args']).toEqual([{ $bytes: 'bb' }, { a: { $bytes: 'aa' } }]);
  });

  it('reads Engine.IO 3 binary frames, which start with the message type byte', () => {
    const [, attachment] = decodeAll(
      [
        { dir: 'in', text: '451-["baz",{"_placeholder":true,"num":0}]' },
        { dir: 'in', bytes: new Uint8Array([4, 1, 2]) },
      ],
      EIO3,
    );
    expect(attachment![0]!.fields['args']).toEqual([{ $bytes: '0102' }]);
    const session = decoder.start(EIO3);
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([1, 2]) })).toEqual({
      ok: false,
      error: 'An Engine.IO 3 binary frame starts with the message type byte 0x04; this one with 0x01',
    });
  });
});

describe('socket.io-msgpack-parser packets', () => {
  it('reads a binary frame that is one MessagePack packet, bytes and ack id included', () => {
    const bytes = encodeMsgpack({ type: 2, nsp: '/admin', id: 4, data: ['chat', 'hi', new Uint8Array([9])] });
    const [messages] = decodeAll([{ dir: 'in', bytes }]);
    expect(messages![0]).toMatchObject({
      type: 'EVENT',
      key: 'chat',
      fields: { nsp: '/admin', id: 4, args: ['hi', { $bytes: '09' }] },
      pairing: { key: 'server-ack:/admin:4', role: 'request' },
    });
  });

  it('does not take MessagePack that is not a packet, or has bytes left over, for one', () => {
    const notPacket = encodeMsgpack({ type: 9, nsp: '/' });
    const extra = new Uint8Array([...encodeMsgpack({ type: 2, nsp: '/', data: ['a'] }), 0]);
    for (const bytes of [notPacket, extra])
      expect(decodeAll([{ dir: 'in', bytes }])[0]![0]!.type).toBe('message');
  });
});

describe('sessions joined midway and bad input', () => {
  it('explains an attachment whose header it never saw', () => {
    const [messages] = decodeAll([{ dir: 'in', bytes: new Uint8Array([1, 2]) }]);
    expect(messages![0]).toMatchObject({ type: 'message', fields: { data: { $bytes: '0102' } } });
    expect(messages![0]!.summary).toContain('no BINARY_EVENT or BINARY_ACK header');
  });

  it('abandons a header whose attachments never came when a text frame arrives', () => {
    const messages = decodeAll([
      { dir: 'in', text: '451-["baz",{"_placeholder":true,"num":0}]' },
      { dir: 'in', text: '42["next"]' },
      { dir: 'in', bytes: new Uint8Array([1]) },
    ]);
    expect(messages[1]![0]!.key).toBe('next');
    expect(messages[2]![0]!.type).toBe('message');
  });

  it.each([
    ['', 'An Engine.IO packet starts with a type digit 0–6; this one starts with “”'],
    ['9', 'An Engine.IO packet starts with a type digit 0–6; this one starts with “9”'],
    ['42["chat"', 'The EVENT packet’s data is not valid JSON: ["chat"'],
    ['42{"a":1}', 'An EVENT packet carries an array whose first element is the event name'],
    ['43[1]', 'An ACK packet names the ack id it answers'],
    ['45["x"]', 'A BINARY_EVENT packet gives its number of attachments followed by “-” (as in 451-)'],
    ['0{bad', 'The Engine.IO open packet’s data is not valid JSON'],
  ])('says why %j is not a packet', (text, error) => {
    expect(decoder.start(EIO4).decode({ dir: 'in', text })).toEqual({ ok: false, error });
  });

  it('says when a placeholder points past the attachments', () => {
    const session = decoder.start(EIO4);
    session.decode({ dir: 'in', text: '451-["x",{"_placeholder":true,"num":3}]' });
    expect(session.decode({ dir: 'in', bytes: new Uint8Array([1]) })).toEqual({
      ok: false,
      error: 'A placeholder points to attachment 3, but the packet has 1',
    });
  });

  it('keeps a key named __proto__ as a key', () => {
    const session = decoder.start(EIO4);
    session.decode({ dir: 'in', text: '451-["x",{"__proto__":{"_placeholder":true,"num":0}}]' });
    const result = session.decode({ dir: 'in', bytes: new Uint8Array([1]) });
    expect(result.ok && Object.keys((result.value[0]!.fields['args'] as object[])[0]!)).toEqual([
      '__proto__',
    ]);
  });

  it('never throws, whatever the frames, and always returns a result', () => {
    const frame = fc.oneof(
      fc.string().map((text) => ({ dir: 'in' as const, text })),
      fc
        .constantFrom('0', '2', '3', '4', '40', '42', '45', '451-', '4/a,', '43/')
        .chain((prefix) => fc.string().map((rest) => ({ dir: 'in' as const, text: prefix + rest }))),
      fc.uint8Array({ maxLength: 16 }).map((bytes) => ({ dir: 'in' as const, bytes })),
    );
    fc.assert(
      fc.property(fc.constantFrom(EIO3, EIO4), fc.array(frame, { maxLength: 8 }), (facts, frames) => {
        const session = decoder.start(facts);
        for (const f of frames) {
          const result = session.decode(f);
          expect(typeof result.ok).toBe('boolean');
        }
      }),
    );
  });

  it('never throws on truncations of valid frames', () => {
    const valid = [
      '0{"sid":"a","pingInterval":1}',
      '42/admin,12["chat",{"a":[1,2]}]',
      '461-/x,3[{"_placeholder":true,"num":0}]',
    ];
    for (const text of valid) {
      for (let end = 0; end <= text.length; end++) {
        const result = decoder.start(EIO4).decode({ dir: 'in', text: text.slice(0, end) });
        expect(typeof result.ok).toBe('boolean');
      }
    }
  });
});

describe('compose', () => {
  const compose = (description: unknown, context = counter()) => decoder.compose!(description, context);

  it('emits an event, with an assigned ack id when asked, on a namespace when named', () => {
    expect(compose({ event: 'chat', args: ['hi'] })).toEqual({
      ok: true,
      value: [{ text: '42["chat","hi"]' }],
    });
    expect(compose({ event: 'chat', args: ['hi'], ack: true })).toEqual({
      ok: true,
      value: [{ text: '421["chat","hi"]' }],
    });
    expect(compose({ event: 'chat', args: [], ack: true, nsp: '/admin' })).toEqual({
      ok: true,
      value: [{ text: '42/admin,1["chat"]' }],
    });
  });

  it('answers a server’s event and joins a namespace', () => {
    expect(compose({ ackId: 5, args: ['yes'] })).toEqual({ ok: true, value: [{ text: '435["yes"]' }] });
    expect(compose({ connect: '/admin', auth: { token: 't' } })).toEqual({
      ok: true,
      value: [{ text: '40/admin,{"token":"t"}' }],
    });
  });

  it.each([
    [[], 'Describe a Socket.IO message as an object, e.g. {"event":"chat","args":["hi"]}'],
    [{ args: [] }, '“event” names the event to emit, e.g. "chat"'],
    [{ event: 'connect' }, '“connect” is reserved by Socket.IO and cannot be emitted'],
    [{ event: 'a', args: 'hi' }, '“args” is an array of the arguments, e.g. ["hi", 1]'],
    [{ event: 'a', nsp: 'admin' }, 'A namespace is a string starting with “/”, e.g. "/admin"'],
    [{ event: 'a', ack: 'yes' }, '“ack” is true to ask the server to acknowledge, or false'],
    [{ ackId: -1 }, '“ackId” is the whole number the server’s event asked to be acknowledged with'],
  ])('refuses %j', (description, error) => {
    expect(compose(description)).toEqual({ ok: false, error });
  });

  it('round-trips: what it composes decodes to the same event, paired as a request', () => {
    const frames = compose({ event: 'chat', args: [{ a: 1 }, 'x'], ack: true, nsp: '/n' });
    expect(frames.ok).toBe(true);
    const message = decodeOne((frames as { value: { text: string }[] }).value[0]!.text, 'out');
    expect(message).toMatchObject({
      type: 'EVENT',
      key: 'chat',
      fields: { nsp: '/n', id: 1, args: [{ a: 1 }, 'x'] },
      pairing: { key: 'ack:/n:1', role: 'request' },
    });
  });
});

describe('socket.io-parser as an oracle', () => {
  const packets = fc.record({
    type: fc.constantFrom(PacketType.EVENT, PacketType.ACK),
    nsp: fc.constantFrom('/', '/admin', '/a-b'),
    id: fc.option(fc.nat({ max: 10_000 }), { nil: undefined }),
    // No `__proto__` keys: the oracle's own deconstructPacket copies a binary packet's data by assignment, which
    // drops such a key before it is encoded (our keeping it is tested above).
    args: fc.array(
      fc.jsonValue().filter((value) => !JSON.stringify(value).includes('"__proto__"')),
      { maxLength: 3 },
    ),
    event: fc
      .string({ minLength: 1 })
      .filter(
        (e) =>
          ![
            'connect',
            'disconnect',
            'connect_error',
            'disconnecting',
            'newListener',
            'removeListener',
          ].includes(e),
      ),
    attachments: fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 3 }),
  });

  it('decodes whatever socket.io-parser encodes, binary attachments included', () => {
    fc.assert(
      fc.property(packets, ({ type, nsp, id, args, event, attachments }) => {
        const buffers = attachments.map((a) => Buffer.from(a));
        const data = type === PacketType.EVENT ? [event, ...args, ...buffers] : [...args, ...buffers];
        const packetId = type === PacketType.ACK ? (id ?? 0) : id;
        const encoded = new OracleEncoder().encode({ type, nsp, id: packetId, data });
        const frames: WireFrame[] = encoded.map((part: string | Buffer) =>
          typeof part === 'string'
            ? { dir: 'in', text: `4${part}` }
            : { dir: 'in', bytes: new Uint8Array(part) },
        );
        const decoded = decodeAll(frames).flat();
        expect(decoded).toHaveLength(1);
        const expectedArgs = [
          ...JSON.parse(JSON.stringify(args)),
          ...attachments.map((a) => ({ $bytes: Buffer.from(a).toString('hex') })),
        ];
        expect(decoded[0]!.fields).toMatchObject({ nsp, args: expectedArgs });
        if (packetId !== undefined) expect(decoded[0]!.fields['id']).toBe(packetId);
        if (type === PacketType.EVENT) expect(decoded[0]!.fields['event']).toBe(event);
      }),
    );
  });

  it('socket.io-parser decodes whatever we compose', () => {
    fc.assert(
      fc.property(packets, ({ nsp, args, event }) => {
        const composed = decoder.compose!({ event, args, ack: true, nsp }, counter());
        if (!composed.ok) throw new Error(composed.error);
        const text = (composed.value[0] as { text: string }).text;
        expect(text[0]).toBe('4');
        let packet: unknown;
        const oracle = new OracleDecoder();
        oracle.on('decoded', (p: unknown) => (packet = p));
        oracle.add(text.slice(1));
        expect(packet).toEqual({
          type: PacketType.EVENT,
          nsp,
          id: 1,
          data: JSON.parse(JSON.stringify([event, ...args])),
        });
      }),
    );
  });
});

describe('keep-alive', () => {
  it('Engine.IO 4: joins / after the open packet, and pongs every ping', () => {
    const keepAlive = decoder.keepAlive!(EIO4);
    expect(keepAlive.onOpen(EIO4)).toEqual([]);
    expect(keepAlive.answer(decodeOne('0{"sid":"s","pingInterval":300,"pingTimeout":1000}'))).toEqual([
      { text: '40' },
    ]);
    expect(keepAlive.answer(decodeOne('2'))).toEqual([{ text: '3' }]);
    expect(keepAlive.answer(decodeOne('2probe'))).toEqual([{ text: '3probe' }]);
    expect(keepAlive.answer(decodeOne('42["chat"]'))).toEqual([]);
    expect(keepAlive.heartbeat).toBeUndefined();
  });

  it('Engine.IO 3: pings on the interval the open packet gives, starting at once', () => {
    const keepAlive = decoder.keepAlive!(EIO3);
    expect(keepAlive.heartbeat).toEqual({ intervalMs: 25_000, frame: { text: '2' } });
    expect(keepAlive.answer(decodeOne('0{"sid":"s","pingInterval":300,"pingTimeout":1000}'))).toEqual([
      { text: '2' },
    ]);
    expect(keepAlive.heartbeat?.intervalMs).toBe(300);
    expect(keepAlive.answer(decodeOne('3'))).toEqual([]);
  });
});
