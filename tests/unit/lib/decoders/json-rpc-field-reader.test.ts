import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { WireFrame } from '../../../../src/lib/decoders/decoder';
import { decoder } from '../../../../src/lib/decoders/json-rpc/index';
import { escapeSome, fieldMatches, agreesOnRandomTraffic } from './field-reader-oracle';

const FACTS = { url: 'ws://h/rpc', protocol: '' };

/** Words that are methods, ids, results and errors alike, and what decoding derives (`request`, `invalid`…). */
const WORDS = [
  'trade',
  'quote',
  'tr"ade',
  'é',
  'true',
  'null',
  'request',
  'result',
  'invalid',
  'error',
  '0xab',
];
const word = fc.constantFrom(...WORDS);
const value = fc.oneof(
  word,
  fc.integer({ min: -5, max: 2000 }),
  fc.boolean(),
  fc.constant(null),
  fc.record({ text: word }),
  fc.array(word, { maxLength: 2 }),
);
const params = fc.option(fc.oneof(fc.array(value, { maxLength: 2 }), fc.record({ text: value })), {
  nil: undefined,
});
const id = fc.oneof(fc.nat({ max: 3 }), word, fc.constant(null));

/** Every kind of member: requests, notifications, subscription items, results, errors, 1.0 replies, junk. */
const member = fc.oneof(
  fc.record({ jsonrpc: fc.constant('2.0'), id, method: word, params }, { requiredKeys: ['method'] }),
  fc.record({
    method: word,
    params: fc.record({ subscription: fc.oneof(word, fc.nat({ max: 1000 })), result: value }),
  }),
  fc.record({ jsonrpc: fc.constant('2.0'), id, result: value }),
  fc.record({ id, error: fc.oneof(fc.record({ code: fc.integer(), message: word }), word) }),
  fc.record({ id, result: fc.constant(null), error: value }),
  fc.record({ type: word, kind: word, subscription: word }),
  value,
);

const written = fc
  .tuple(
    fc.oneof(member, fc.array(member, { maxLength: 3 })),
    fc.constantFrom('', 'a', 'e', 'r', 't'),
    fc.boolean(),
  )
  .map(([message, letter, binary]) => {
    const text = JSON.stringify(message) ?? 'null';
    const escaped = escapeSome(text, letter);
    return binary ? { bytes: new TextEncoder().encode(escaped) } : { text: escaped };
  });

/** Texts no encoder writes this way: numbers spelled otherwise, JSON in a string, bad JSON and batches. */
const odd = fc
  .constantFrom(
    '{"jsonrpc":"2.0","method":"m","params":{"subscription":1e3,"result":"trade"}}',
    '{"jsonrpc":"2.0","method":"m","params":{"subscription":1.0,"result":1}}',
    '{"method":"m","params":{"q":"{\\"a\\":\\"trade\\"}"}}',
    '{"method":"m","params":{"q":"{\\"a\\":\\"tr\\\\u0061de\\"}"}}',
    '{"method":"m","params":5}',
    '[{"method":"trade"},5,{"foo":"trade"},[]]',
    '{"res\\u0075lt":1,"id":1}',
    '{"__proto__":{"method":"trade"},"id":1,"method":"m"}',
    '[]',
    'trade',
    '{"method":"trade"',
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
  'method = trade',
  'method ~ ad',
  'method = "tr"ade"',
  'method = é',
  'type = trade',
  'type = result',
  'type = error',
  'type = invalid',
  'type ~ in',
  'kind = request',
  'kind = notification',
  'kind = result',
  'kind ~ t',
  'subscription = 1000',
  'subscription ~ 1000',
  'subscription = 0xab',
  'subscription ~ e',
  'error = trade',
  'error ~ params',
  'error ~ object',
  'error.message = trade',
  'result = trade',
  'result = true',
  'result = "true"',
  'result = null',
  'result.text ~ ad',
  'params.0 = trade',
  'params.text = "tr"ade"',
  'params.q ~ trade',
  'params.result = trade',
  'id = trade',
  'id = 1',
  'id != 2',
  'jsonrpc = 2.0',
  '__proto__.method = trade',
];

describe('the JSON-RPC field reader', () => {
  it('matches exactly what decoding every frame matches, on random traffic', () => {
    agreesOnRandomTraffic(decoder, FACTS, traffic, CONDITIONS, 500);
  }, 60_000); // many random sessions take a while on a loaded machine

  it('skips a text that lacks the value, and reads one that may escape it', () => {
    const frames: WireFrame[] = [
      { dir: 'in', text: '{"jsonrpc":"2.0","method":"quote","params":["trade"]}' },
      { dir: 'in', text: '{"jsonrpc":"2.0","method":"trade"}' },
      { dir: 'in', text: '{"jsonrpc":"2.0","method":"tr\\u0061de"}' },
      { dir: 'in', text: '{"jsonrpc":"2.0","method":"quote","params":{"q":"{\\"a\\":1}"}}' },
    ];
    expect(fieldMatches(decoder, FACTS, frames, 'method = trade', true)).toEqual([1, 2]);
    expect(fieldMatches(decoder, FACTS, frames, 'kind = notification', true)).toEqual([0, 1, 2, 3]);
    const read = decoder.start(FACTS).fieldReader?.({ path: ['method'], texts: ['trade'] });
    const parse = vi.spyOn(JSON, 'parse');
    expect(frames.map((frame) => read?.(frame).length)).toEqual([1, 1, 1, 0]);
    // The first holds `trade` elsewhere, the third may escape it; the last only escapes quotes.
    expect(parse).toHaveBeenCalledTimes(3);
    parse.mockRestore();
  });
});
