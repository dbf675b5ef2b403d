import { encode as encodeMsgpack } from '@msgpack/msgpack';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { WireFrame } from '../../../../src/lib/decoders/decoder';
import { decoder } from '../../../../src/lib/decoders/signalr/index';
import { escapeSome, agreesOnRandomTraffic } from './field-reader-oracle';

const FACTS = { url: 'ws://h/hub', protocol: '' };
const RS = '\u001e';

/** Words that are targets, ids and arguments alike, and the names decoding gives types and encodings. */
const WORDS = ['trade', 'tr"ade', 'é', 'true', 'null', 'Invocation', 'Handshake', 'json', 'messagepack'];
const word = fc.constantFrom(...WORDS);
const value = fc.oneof(
  word,
  fc.integer({ min: -5, max: 9 }),
  fc.boolean(),
  fc.constant(null),
  fc.record({ type: word }),
);

/** Hub messages of every type, handshakes (no type), and types no spec names; one or two to a frame. */
const record = fc.record(
  {
    type: fc.oneof(fc.integer({ min: 1, max: 10 }), word),
    target: word,
    invocationId: word,
    arguments: fc.array(value, { maxLength: 2 }),
    item: value,
    result: value,
    error: word,
    protocol: word,
    encoding: word,
  },
  { requiredKeys: [] },
);

const written = fc
  .tuple(fc.array(record, { minLength: 1, maxLength: 2 }), fc.constantFrom('', 'a', 'e', 't'))
  .map(([records, letter]) => ({
    text: records.map((one) => escapeSome(JSON.stringify(one), letter) + RS).join(''),
  }));

const odd = fc.oneof(
  fc
    .constantFrom(
      '{"type":1,"target":"trade"}',
      `{"type":1,"target":"trade"}${RS}x${RS}`,
      `[1]${RS}`,
      `trade${RS}`,
    )
    .map((text) => ({ text })),
  fc.constantFrom(
    { bytes: new TextEncoder().encode(`{"protocol":"trade"}${RS}`) },
    { bytes: new Uint8Array([0x0a, ...encodeMsgpack([1, {}, null, 'trade', ['trade']])]) },
  ),
);

const traffic = fc.array(
  fc.tuple(fc.oneof(written, odd), fc.constantFrom<WireFrame['dir']>('in', 'out')).map(([frame, dir]) => ({
    ...frame,
    dir,
  })),
  { maxLength: 8 },
);

const CONDITIONS = [
  'target = trade',
  'target = "tr"ade"',
  'type = Invocation',
  'type = Handshake',
  'type ~ trade',
  'typeCode = trade',
  'encoding = json',
  'encoding = trade',
  'invocationId ~ é',
  'arguments.0 = trade',
  'arguments.0 = "true"',
  'arguments.1.type = trade',
  'item = null',
  'error ~ ad',
  'protocol = trade',
  'target != trade',
];

describe('the SignalR field reader', () => {
  it('matches exactly what decoding every frame matches, on random traffic', () => {
    agreesOnRandomTraffic(decoder, FACTS, traffic, CONDITIONS, 400);
  }, 60_000); // many random sessions take a while on a loaded machine
});
