import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { WireFrame } from '../../../../src/lib/decoders/decoder';
import { decoder } from '../../../../src/lib/decoders/phoenix/index';
import { escapeSome, agreesOnRandomTraffic } from './field-reader-oracle';

const FACTS = { url: 'ws://h/socket/websocket?vsn=2.0.0', protocol: '' };

/** Words that are topics, events, refs and payload values alike, and what a missing ref reads as. */
const WORDS = ['trade', 'room:trade', 'tr"ade', 'é', 'null', 'true', 'ok', 'phx_reply', 'phx_join'];
const word = fc.constantFrom(...WORDS);
const value = fc.oneof(
  word,
  fc.integer({ min: -5, max: 99 }),
  fc.boolean(),
  fc.constant(null),
  fc.record({ type: word }),
);
const ref = fc.oneof(word, fc.constant(null));
const payload = fc.oneof(value, fc.record({ status: word, response: value }, { requiredKeys: [] }));

/** v2 arrays and v1 objects (refs left out), written as phoenix.js's serializer writes them, some escaped. */
const written = fc
  .tuple(
    fc.record({ joinRef: ref, ref, topic: word, event: word, payload }),
    fc.boolean(),
    fc.constantFrom('', 'a', 'e', 't'),
  )
  .map(([m, v1, letter]) => {
    const text = v1
      ? JSON.stringify({
          ...(m.joinRef === null ? {} : { join_ref: m.joinRef }),
          ...(m.ref === null ? {} : { ref: m.ref }),
          topic: m.topic,
          event: m.event,
          payload: m.payload,
        })
      : JSON.stringify([m.joinRef, m.ref, m.topic, m.event, m.payload]);
    return { text: escapeSome(text, letter) };
  });

/** What no serializer writes: bad shapes, JSON in a string, a binary push (decoded, never skipped). */
const odd = fc.oneof(
  fc
    .constantFrom(
      '["1","2","room:1","ev",{"q":"{\\"type\\":\\"trade\\"}"}]',
      '["1","2","room:1","ev"]',
      '[1,"2","room:1","ev",{}]',
      '{"topic":"room:1"}',
      'trade',
    )
    .map((text) => ({ text })),
  fc.constant({
    bytes: new Uint8Array([0, 1, 5, 5, 0x31, ...new TextEncoder().encode('tradetrade'), 0x7b, 0x7d]),
  }),
);

const traffic = fc.array(
  fc.tuple(fc.oneof(written, odd), fc.constantFrom<WireFrame['dir']>('in', 'out')).map(([frame, dir]) => ({
    ...frame,
    dir,
  })),
  { maxLength: 10 },
);

const CONDITIONS = [
  'event = trade',
  'type = phx_reply',
  'topic = room:trade',
  'topic ~ é',
  'ref = "null"',
  'ref = null',
  'join_ref = "null"',
  'join_ref ~ ul',
  'ref = trade',
  'status = ok',
  'response = "true"',
  'response.type = trade',
  'payload.type = "tr"ade"',
  'payload.q ~ trade',
  'payload = null',
  'event != trade',
];

describe('the Phoenix field reader', () => {
  it('matches exactly what decoding every frame matches, on random traffic', () => {
    agreesOnRandomTraffic(decoder, FACTS, traffic, CONDITIONS, 400);
  }, 60_000); // many random sessions take a while on a loaded machine
});
