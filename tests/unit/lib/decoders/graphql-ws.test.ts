import fc from 'fast-check';
import { MessageType, parseMessage, stringifyMessage, type Message } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import type { DecodedMessage, WireFrame } from '../../../../src/lib/decoders/decoder';
import type { GraphqlComposeContext } from '../../../../src/lib/decoders/graphql-ws/compose';
import { entry } from '../../../../src/lib/decoders/graphql-ws/detect';
import { decoder } from '../../../../src/lib/decoders/graphql-ws/index';

const MODERN = { url: 'ws://h/graphql', protocol: 'graphql-transport-ws' };
const LEGACY = { url: 'ws://h/graphql', protocol: 'graphql-ws' };

function context(protocol = MODERN.protocol): GraphqlComposeContext {
  let id = 0;
  return { nextId: () => ++id, protocol };
}

function decode(text: string, dir: 'in' | 'out' = 'in'): DecodedMessage {
  const result = decoder.start(MODERN).decode({ dir, text });
  if (!result.ok) throw new Error(result.error);
  expect(result.value).toHaveLength(1);
  return result.value[0]!;
}

describe('detection', () => {
  it('knows both subprotocols, the /graphql path and the opening messages', () => {
    expect(entry.byProtocol!('graphql-transport-ws')).toBe(true);
    expect(entry.byProtocol!('graphql-ws')).toBe(true);
    expect(entry.byProtocol!('mqtt')).toBe(false);
    expect(entry.byUrl!(new URL('wss://api.example/graphql'))).toBe(true);
    expect(entry.byUrl!(new URL('wss://api.example/graphql-docs/x'))).toBe(false);
    expect(entry.sniff!({ dir: 'out', text: '{"type":"connection_init","payload":{}}' })).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: '{"type":"ka"}' })).toBe(true);
    expect(entry.sniff!({ dir: 'in', text: '{"type":"chat"}' })).toBe(false);
    expect(entry.label).toBe('GraphQL over WebSocket');
  });
});

describe('spec vectors (graphql-transport-ws)', () => {
  it('connection_init and connection_ack are a paired handshake', () => {
    expect(decode('{"type":"connection_init","payload":{"token":"x"}}', 'out')).toMatchObject({
      type: 'connection_init',
      control: true,
      pairing: { key: 'connection_init', role: 'request' },
    });
    expect(decode('{"type":"connection_ack"}')).toMatchObject({
      type: 'connection_ack',
      summary: 'connection_ack',
      control: true,
      pairing: { key: 'connection_init', role: 'reply', final: true },
    });
  });

  it('subscribe, next and complete share the operation id', () => {
    const subscribe = decode(
      '{"id":"1","type":"subscribe","payload":{"query":"subscription {\\n  greetings\\n}"}}',
      'out',
    );
    expect(subscribe).toMatchObject({
      type: 'subscribe',
      key: '1',
      summary: 'subscribe 1 subscription { greetings }',
      fields: { id: '1', type: 'subscribe', query: 'subscription {\n  greetings\n}' },
      pairing: { key: 'op:1', role: 'request' },
    });
    expect(decode('{"id":"1","type":"next","payload":{"data":{"greetings":"Hi"}}}')).toMatchObject({
      type: 'next',
      key: '1',
      summary: 'next 1 {"data":{"greetings":"Hi"}}',
      fields: { type: 'next', data: { greetings: 'Hi' } },
      pairing: { key: 'op:1', role: 'reply', final: false },
    });
    expect(decode('{"id":"1","type":"complete"}')).toMatchObject({
      summary: 'complete 1',
      pairing: { key: 'op:1', role: 'reply', final: true },
    });
    // The client's complete cancels: nothing answers it, and it answers nothing.
    expect(decode('{"id":"1","type":"complete"}', 'out').pairing).toBeUndefined();
  });

  it('an error lists its messages and ends the operation', () => {
    expect(decode('{"id":"2","type":"error","payload":[{"message":"a"},{"message":"b"}]}')).toMatchObject({
      summary: 'error 2 a; b',
      fields: { errors: [{ message: 'a' }, { message: 'b' }] },
      pairing: { key: 'op:2', role: 'reply', final: true },
    });
  });

  it('ping and pong pair by who pinged', () => {
    expect(decode('{"type":"ping"}')).toMatchObject({
      control: true,
      pairing: { key: 'server-ping', role: 'request' },
    });
    expect(decode('{"type":"pong"}', 'out').pairing).toEqual({
      key: 'server-ping',
      role: 'reply',
      final: true,
    });
    expect(decode('{"type":"ping"}', 'out').pairing).toEqual({ key: 'ping', role: 'request' });
    expect(decode('{"type":"pong","payload":{"t":1}}').pairing).toEqual({
      key: 'ping',
      role: 'reply',
      final: true,
    });
  });
});

describe('legacy graphql-ws', () => {
  it.each([
    ['{"type":"ka"}', { type: 'ka', control: true }],
    [
      '{"type":"connection_error","payload":{"message":"no"}}',
      { type: 'connection_error', pairing: { key: 'connection_init', role: 'reply' } },
    ],
    ['{"type":"connection_terminate"}', { type: 'connection_terminate', control: true }],
    [
      '{"id":"1","type":"start","payload":{"query":"subscription { s }","operationName":"S"}}',
      { type: 'start', summary: 'start 1 S: subscription { s }', pairing: { key: 'op:1', role: 'request' } },
    ],
    [
      '{"id":"1","type":"data","payload":{"data":{"s":1}}}',
      { type: 'data', fields: { data: { s: 1 } }, pairing: { key: 'op:1', final: false } },
    ],
    ['{"id":"1","type":"stop"}', { type: 'stop', key: '1' }],
  ])('%s', (text, expected) => {
    expect(decode(text)).toMatchObject(expected);
  });
});

describe('bad input', () => {
  it.each([
    ['{', 'GraphQL over WebSocket messages are JSON; this frame is not valid JSON'],
    ['[]', 'A GraphQL over WebSocket message is a JSON object with a "type"'],
    ['{"type":"chat"}', '“chat” is not a message type of graphql-transport-ws or the legacy graphql-ws'],
    ['{"type":"next","payload":{}}', 'A next message names its operation with a string "id"'],
    [
      '{"id":"1","type":"subscribe"}',
      'A subscribe message carries the operation as its payload: {"query": …}',
    ],
  ])('says why %j is not a message', (text, error) => {
    expect(decoder.start(MODERN).decode({ dir: 'in', text })).toEqual({ ok: false, error });
  });

  it('says a binary frame is not one', () => {
    expect(decoder.start(MODERN).decode({ dir: 'in', bytes: new Uint8Array([1]) })).toEqual({
      ok: false,
      error: 'GraphQL over WebSocket sends text frames; this one is binary',
    });
  });

  it('never throws on random frames or truncations of valid ones', () => {
    const frame = fc.oneof(
      fc.string().map((text): WireFrame => ({ dir: 'in', text })),
      fc
        .record(
          {
            type: fc.constantFrom('next', 'subscribe', 'start', 'error', 'ping', 'x'),
            id: fc.jsonValue(),
            payload: fc.jsonValue(),
          },
          { requiredKeys: [] },
        )
        .map((value): WireFrame => ({ dir: 'out', text: JSON.stringify(value) })),
      fc.uint8Array({ maxLength: 8 }).map((bytes): WireFrame => ({ dir: 'in', bytes })),
    );
    fc.assert(
      fc.property(frame, (f) => void expect(typeof decoder.start(MODERN).decode(f).ok).toBe('boolean')),
    );
    const valid =
      '{"id":"1","type":"subscribe","payload":{"query":"subscription { a }","variables":{"x":[1]}}}';
    for (let end = 0; end <= valid.length; end++) {
      expect(typeof decoder.start(MODERN).decode({ dir: 'out', text: valid.slice(0, end) }).ok).toBe(
        'boolean',
      );
    }
  });
});

describe('compose', () => {
  it('makes a subscribe with an assigned id, or a start on the legacy subprotocol', () => {
    const description = { query: 'subscription { greetings }', variables: {} };
    expect(decoder.compose!(description, context())).toEqual({
      ok: true,
      value: [
        {
          text: '{"id":"1","type":"subscribe","payload":{"query":"subscription { greetings }","variables":{}}}',
        },
      ],
    });
    expect(decoder.compose!(description, context(LEGACY.protocol))).toEqual({
      ok: true,
      value: [
        { text: '{"id":"1","type":"start","payload":{"query":"subscription { greetings }","variables":{}}}' },
      ],
    });
  });

  it('cancels an operation with complete, or stop on the legacy subprotocol', () => {
    expect(decoder.compose!({ complete: '3' }, context())).toEqual({
      ok: true,
      value: [{ text: '{"id":"3","type":"complete"}' }],
    });
    expect(decoder.compose!({ complete: '3' }, context(LEGACY.protocol))).toEqual({
      ok: true,
      value: [{ text: '{"id":"3","type":"stop"}' }],
    });
  });

  it.each([
    ['q', 'Describe a GraphQL operation as an object, e.g. {"query":"subscription { greetings }"}'],
    [{}, '“query” is the GraphQL document to run'],
    [{ query: 'q', variables: [] }, '“variables” is an object of the variables’ values'],
    [{ query: 'q', operationName: 1 }, '“operationName” names the operation to run'],
    [{ query: 'q', extensions: 1 }, '“extensions” is an object'],
    [{ complete: 1 }, '“complete” is the id of the operation to cancel'],
  ])('refuses %j', (description, error) => {
    expect(decoder.compose!(description, context())).toEqual({ ok: false, error });
  });

  it('round-trips through its own decoder as a paired request', () => {
    const composed = decoder.compose!({ query: 'query Q { a }', operationName: 'Q' }, context());
    const text = composed.ok ? (composed.value[0] as { text: string }).text : '';
    expect(decode(text, 'out')).toMatchObject({
      type: 'subscribe',
      summary: 'subscribe 1 Q: query Q { a }',
      pairing: { key: 'op:1' },
    });
  });
});

describe('keep-alive', () => {
  it('opens with connection_init and answers a ping with a pong', () => {
    const keepAlive = decoder.keepAlive!(MODERN);
    expect(keepAlive.onOpen(MODERN)).toEqual([{ text: '{"type":"connection_init"}' }]);
    expect(keepAlive.answer(decode('{"type":"ping"}'))).toEqual([{ text: '{"type":"pong"}' }]);
    expect(keepAlive.answer(decode('{"type":"connection_ack"}'))).toEqual([]);
  });

  it('legacy: opens with connection_init too, and ka needs no answer', () => {
    const keepAlive = decoder.keepAlive!(LEGACY);
    expect(keepAlive.onOpen(LEGACY)).toEqual([{ text: '{"type":"connection_init"}' }]);
    expect(keepAlive.answer(decode('{"type":"ka"}'))).toEqual([]);
  });
});

describe('graphql-ws’s own message codec as an oracle', () => {
  const id = fc.string({ minLength: 1 });
  const message: fc.Arbitrary<Message> = fc.oneof(
    fc.constant<Message>({ type: MessageType.ConnectionInit }),
    fc
      .dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 })
      .map((payload): Message => ({ type: MessageType.ConnectionAck, payload })),
    fc.constant<Message>({ type: MessageType.Ping }),
    fc.constant<Message>({ type: MessageType.Pong }),
    fc
      .record({ id, query: fc.string({ minLength: 1 }) })
      .map(({ id, query }): Message => ({ id, type: MessageType.Subscribe, payload: { query } })),
    fc
      .record({ id, n: fc.integer() })
      .map(({ id, n }): Message => ({ id, type: MessageType.Next, payload: { data: { n } } })),
    fc
      .record({ id, m: fc.string() })
      .map(({ id, m }): Message => ({ id, type: MessageType.Error, payload: [{ message: m }] })),
    id.map((id): Message => ({ id, type: MessageType.Complete })),
  );

  it('we decode every message it writes, with its type and id', () => {
    fc.assert(
      fc.property(message, (m) => {
        const decoded = decode(stringifyMessage(m));
        expect(decoded.type).toBe(m.type);
        expect(decoded.key).toBe('id' in m ? m.id : undefined);
        expect(decoded.tree).toEqual(JSON.parse(stringifyMessage(m)));
      }),
    );
  });

  it('it accepts every subscribe we compose', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((q) => q.trim() !== ''),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 }),
        (query, variables) => {
          const composed = decoder.compose!({ query, variables }, context());
          if (!composed.ok) throw new Error(composed.error);
          const parsed = parseMessage((composed.value[0] as { text: string }).text);
          expect(parsed).toMatchObject({ id: '1', type: MessageType.Subscribe, payload: { query } });
        },
      ),
    );
  });
});
