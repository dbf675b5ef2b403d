import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { WireFrame } from '../../../../src/lib/decoders/decoder';
import { decoder } from '../../../../src/lib/decoders/graphql-ws/index';
import { escapeSome, agreesOnRandomTraffic } from './field-reader-oracle';

const FACTS = { url: 'ws://h/graphql', protocol: 'graphql-transport-ws' };

/** Words that are ids, operation names, data and errors alike, and every message type of both subprotocols. */
const WORDS = ['trade', 'quote', 'tr"ade', 'é', 'true', 'null', 'next', 'data', 'errors', 'OnTrade'];
const TYPES = ['connection_init', 'connection_ack', 'connection_error', 'ping', 'pong', 'ka', 'subscribe'];
const MORE_TYPES = ['start', 'next', 'data', 'error', 'complete', 'stop', 'connection_terminate', 'trade'];
const word = fc.constantFrom(...WORDS);
const value = fc.oneof(
  word,
  fc.integer({ min: -5, max: 200 }),
  fc.boolean(),
  fc.constant(null),
  fc.record({ type: word, price: fc.nat({ max: 9 }) }),
  fc.array(word, { maxLength: 2 }),
);
/** A query as clients write it: quotes and line ends that JSON escapes. */
const query = word.map((name) => `subscription {\n  trades(kind: "${name}") { price }\n}`);
const payload = fc.oneof(
  fc.record(
    { query, operationName: word, variables: fc.record({ kind: value }), data: value, errors: value },
    { requiredKeys: [] },
  ),
  fc.array(fc.record({ message: word }), { maxLength: 2 }),
  value,
);

const message = fc.record(
  { type: fc.constantFrom(...TYPES, ...MORE_TYPES), id: word, payload },
  { requiredKeys: ['type'] },
);

const written = fc
  .tuple(message, fc.constantFrom('', 'a', 'e', 't'), fc.boolean())
  .map(([parts, letter, binary]) => {
    const text = escapeSome(JSON.stringify(parts), letter);
    return binary ? { bytes: new TextEncoder().encode(text) } : { text };
  });

/** Texts no encoder writes this way: JSON held in a string, bad JSON, a `__proto__` member. */
const odd = fc
  .constantFrom(
    '{"type":"next","id":"1","payload":{"data":"{\\"type\\":\\"trade\\"}"}}',
    '{"type":"next","id":"1","payload":{"data":{"type":"tr\\u0061de"}}}',
    '{"type":"next","id":"1","payload":{"__proto__":{"type":"trade"},"data":{"type":"trade"}}}',
    '{"__proto__":{"type":"trade"},"type":"ka"}',
    '{"type":"next","id":"1","payload":{"data":{"type":"trade"}}',
    '{"type":"next","id":"","payload":{"data":"trade"}}',
    '["next"]',
    'trade',
  )
  .map((text) => ({ text }));

const traffic = fc.array(
  fc.tuple(fc.oneof(written, odd), fc.constantFrom<WireFrame['dir']>('in', 'out')).map(([frame, dir]) => ({
    ...frame,
    dir,
  })),
  { maxLength: 10 },
);

const CONDITIONS = [
  'type = next',
  'type ~ ion',
  'type = trade',
  'id = trade',
  'id = "tr"ade"',
  'id ~ é',
  'operationName = OnTrade',
  'query ~ trade',
  'query ~ "trade"',
  'variables.kind = trade',
  'variables.kind = true',
  'variables.kind = "true"',
  'data = trade',
  'data ~ trade',
  'data.type = trade',
  'data.price = 3',
  'errors.0.message = trade',
  'errors ~ trade',
  'payload.data.type = trade',
  'payload.0.message ~ ad',
  'payload = null',
  'data = null',
  '__proto__.type = trade',
  'id != trade',
];

describe('the GraphQL over WebSocket field reader', () => {
  it('matches exactly what decoding every frame matches, on random traffic', () => {
    agreesOnRandomTraffic(decoder, FACTS, traffic, CONDITIONS, 400);
  }, 60_000); // many random sessions take a while on a loaded machine
});
