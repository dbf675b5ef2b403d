import { encode as encodeMsgpack } from '@msgpack/msgpack';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WireFrame } from '../../../../src/lib/decoders/decoder';
import { decoder } from '../../../../src/lib/decoders/wamp/index';
import { escapeSome, readerAgrees } from './field-reader-oracle';

/** Words that are topics, procedures, URIs and arguments alike, and the names decoding gives the codes. */
const WORDS = ['com.trade', 'tr"ade', 'é', 'true', 'null', 'EVENT', 'CALL', 'realm1'];
const word = fc.constantFrom(...WORDS);
const value = fc.oneof(word, fc.integer({ min: 0, max: 70 }), fc.boolean(), fc.constant(null));
const CODES = [1, 2, 3, 6, 8, 16, 32, 33, 36, 48, 50, 64, 68, 70, 99];

/** A message as an array: a code (some unknown), then fields of any kind, as many as a message may have. */
const message = fc
  .tuple(fc.constantFrom(...CODES), fc.array(fc.oneof(value, fc.record({ kind: word })), { maxLength: 5 }))
  .map(([code, rest]) => [code, ...rest]);

/** JSON, batched or not, some escaped; a binary frame is MessagePack. */
const written = fc
  .tuple(fc.array(message, { minLength: 1, maxLength: 2 }), fc.constantFrom('', 'a', 'e'), fc.boolean())
  .map(([messages, letter, binary]) =>
    binary
      ? { bytes: encodeMsgpack(messages[0]) }
      : { text: messages.map((one) => escapeSome(JSON.stringify(one), letter)).join('\u001e') + '\u001e' },
  );

const odd = fc
  .constantFrom('{"topic":"com.trade"}', '[36,1,2,{},["com.trade"]', 'com.trade')
  .map((text) => ({ text }));

const traffic = fc.array(
  fc.tuple(fc.oneof(written, odd), fc.constantFrom<WireFrame['dir']>('in', 'out')).map(([frame, dir]) => ({
    ...frame,
    dir,
  })),
  { maxLength: 8 },
);

const CONDITIONS = [
  'topic = com.trade',
  'procedure = "tr"ade"',
  'type = EVENT',
  'type ~ ALL',
  'realm = realm1',
  'arguments ~ é',
  'details.kind = com.trade',
  'options.kind ~ tr',
  'error = null',
  'reason = "true"',
  'code = 36',
  'topic != com.trade',
];

describe('the WAMP field reader', () => {
  it('matches exactly what decoding every frame matches, on random traffic', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'wamp.2.json', 'wamp.2.json.batched'), traffic, (protocol, frames) => {
        for (const json of CONDITIONS) {
          const { fast, slow } = readerAgrees(decoder, { url: 'ws://h/ws', protocol }, frames, json);
          expect(fast, json).toEqual(slow);
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000); // many random sessions take a while on a loaded machine
});
