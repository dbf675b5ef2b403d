import { encode as encodeMsgpack } from '@msgpack/msgpack';
import fc from 'fast-check';
import { Encoder as OracleEncoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import type { WireFrame } from '../../../../src/lib/decoders/decoder';
import { decoder } from '../../../../src/lib/decoders/socket-io/index';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { compileFilter, EMPTY_FILTER } from '../../../../src/lib/search/filter';

const EIO4 = { url: 'ws://h/socket.io/?EIO=4&transport=websocket', protocol: '' };
const EIO3 = { url: 'ws://h/socket.io/?EIO=3&transport=websocket', protocol: '' };

/** Words that are event names, namespaces and arguments alike, so a frame may hold one where it is not the event. */
const WORDS = ['chat', 'typing', 'chatter', 'ch"at', 'é', '/admin', 'true', 'null', '0a'];
const word = fc.constantFrom(...WORDS);
const argument = fc.oneof(
  word,
  fc.integer({ min: -5, max: 200 }),
  fc.boolean(),
  fc.constant(null),
  fc.record({ text: word }),
  fc.array(word, { maxLength: 2 }),
);
const direction = fc.constantFrom<WireFrame['dir']>('in', 'out');

/** A packet as socket.io-parser writes it: a text frame, then one binary frame per attachment. */
const encodedPacket = fc
  .record({
    dir: direction,
    type: fc.constantFrom(PacketType.EVENT, PacketType.ACK, PacketType.CONNECT, PacketType.DISCONNECT),
    nsp: fc.constantFrom('/', '/admin', '/chat'),
    id: fc.option(fc.nat({ max: 20 }), { nil: undefined }),
    event: word,
    args: fc.array(argument, { maxLength: 3 }),
    attachments: fc.array(fc.uint8Array({ minLength: 1, maxLength: 4 }), { maxLength: 2 }),
  })
  .map(({ dir, type, nsp, id, event, args, attachments }) => {
    const buffers = attachments.map((bytes) => Buffer.from(bytes));
    const data =
      type === PacketType.EVENT
        ? [event, ...args, ...buffers]
        : type === PacketType.ACK
          ? [...args, ...buffers]
          : undefined;
    const packetId = type === PacketType.ACK ? (id ?? 0) : type === PacketType.EVENT ? id : undefined;
    const parts = new OracleEncoder().encode({ type, nsp, id: packetId, data }) as (string | Buffer)[];
    return parts.map((part): WireFrame & { raw?: true } =>
      typeof part === 'string' ? { dir, text: `4${part}` } : { dir, bytes: new Uint8Array(part), raw: true },
    );
  });

/** Frames no encoder writes: escapes, Engine.IO's own packets, bad and cut packets, headerless bytes. */
const oddFrame = fc.oneof(
  fc
    .constantFrom(
      '42["\\u0063hat"]',
      '42["typing","\\u0063hat"]',
      '42/admin,["typing","chat"]',
      '42/chatroom,["x"]',
      '4chat',
      '4 typing chat',
      '2',
      '3',
      '2probe',
      '0{"sid":"chat","pingInterval":1}',
      '42["chat"',
      '45["chat"]',
      '451-["chat"',
      '450-["chat"]',
      '451-["chat",{"_placeholder":true,"num":4}]',
      '461-/admin,3[{"_placeholder":true,"num":0},"chat"]',
      '43["chat"]',
      '',
    )
    .map((text) => ({ text })),
  fc.string({ maxLength: 6 }).map((rest) => ({ text: `4${rest}` })),
  fc.uint8Array({ maxLength: 4 }).map((bytes) => ({ bytes, raw: true as const })),
  fc
    .constantFrom(['chat', 1], ['typing'], [1, 'chat'])
    .map((data) => ({ bytes: encodeMsgpack({ type: 2, nsp: '/', data }), raw: true as const })),
);

/** Random traffic: whole packets and odd frames, each direction its own, with a few frames lost. */
const traffic = fc
  .tuple(
    fc.array(
      fc.oneof(
        encodedPacket,
        fc.tuple(oddFrame, direction).map(([f, dir]) => [{ ...f, dir }]),
      ),
      {
        maxLength: 12,
      },
    ),
    fc.array(fc.nat({ max: 30 }), { maxLength: 2 }),
  )
  .map(([packets, lost]) => packets.flat().filter((_, i) => !lost.includes(i)));

const CONDITIONS = [
  'event = chat',
  'event = typing',
  'event ~ at',
  'event = "ch"at"',
  'event = é',
  'event != chat',
  'event = 1',
  'nsp = /admin',
  'nsp ~ adm',
  'nsp = /',
  'nsp ~ /',
  'args.0 = chat',
  'args.0 ~ hat',
  'args.0.text = chat',
  'args.0 = true',
  'args.0 = "true"',
  'args.0 = null',
  'args.0.$bytes ~ 0a',
  'args.1.$bytes ~ 0',
  'data = chat',
  'data ~ chat',
  'data.0 = chat',
  'type = EVENT',
  'type = message',
  'id = 3',
  'sid = chat',
];

/** The records of a chunk a filter on a decoded field matches, decoding through a session made for it. */
function matches(frames: WireFrame[], json: string, facts: typeof EIO4, fast: boolean): number[] {
  const chunk = new ChunkBuilder(0);
  for (const frame of frames) {
    if (frame.text !== undefined)
      chunk.append({ kind: 'text', dir: frame.dir, t: 0, text: frame.text, size: 0 });
    else
      chunk.append({ kind: 'binary', dir: frame.dir, t: 0, bytes: frame.bytes ?? new Uint8Array(), size: 0 });
  }
  const session = decoder.start(facts);
  // Without its fieldReader, the session is read as any decoder's: every frame decoded.
  const decodeOnly = { decode: session.decode.bind(session) };
  const filter = compileFilter(
    { ...EMPTY_FILTER, json },
    { decoderId: 'socket-io', label: 'Socket.IO', session: fast ? session : decodeOnly },
  );
  return frames.map((_, i) => i).filter((i) => filter.matches(chunk, i));
}

describe('the Socket.IO field reader', () => {
  it('matches exactly what decoding every frame matches, on random traffic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(EIO4, EIO3),
        traffic,
        fc.constantFrom(...CONDITIONS),
        (facts, frames, json) => {
          // Engine.IO 3 puts the message type byte before a binary frame's payload.
          const wire = frames.map(({ raw, ...frame }: WireFrame & { raw?: true }) =>
            facts === EIO3 && raw && frame.bytes
              ? { ...frame, bytes: new Uint8Array([4, ...frame.bytes]) }
              : frame,
          );
          expect(matches(wire, json, facts, true), json).toEqual(matches(wire, json, facts, false));
        },
      ),
      { numRuns: 1000 },
    );
  }, 60_000); // a thousand random sessions take a while on a loaded machine

  it('skips what cannot match, yet reassembles the binary packets after it', () => {
    const frames: WireFrame[] = [
      { dir: 'in', text: '42["typing"]' },
      { dir: 'in', text: '451-["typing",{"_placeholder":true,"num":0}]' },
      { dir: 'in', bytes: new Uint8Array([1]) },
      { dir: 'in', text: '451-["chat",{"_placeholder":true,"num":0}]' },
      { dir: 'out', text: '42["typing"]' },
      { dir: 'in', bytes: new Uint8Array([2]) },
      { dir: 'in', text: '42["chat"]' },
    ];
    expect(matches(frames, 'event = chat', EIO4, true)).toEqual([5, 6]);
    expect(matches(frames, 'args.0.$bytes ~ 02', EIO4, true)).toEqual([5]);
  });
});
