import { FrameImpl } from '@stomp/stompjs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { WireFrame } from '../../../../src/lib/decoders/decoder';
import { decoder } from '../../../../src/lib/decoders/stomp/index';
import { readerAgrees } from './field-reader-oracle';

/** Words that are destinations, header values and bodies alike, some that escaping changes, and command names. */
const WORDS = [
  'trade',
  '/topic/trade',
  'tr:ade',
  'tr\nade',
  'tr\\ade',
  'tr"ade',
  'é',
  'MESSAGE',
  'heart-beat',
];
const word = fc.constantFrom(...WORDS);
const COMMANDS = ['SEND', 'MESSAGE', 'SUBSCRIBE', 'RECEIPT', 'ACK', 'CONNECT', 'CONNECTED', 'ERROR'];
const direction = fc.constantFrom<WireFrame['dir']>('in', 'out');

/** A frame as stompjs writes it, with or without content-length and header escaping. */
const stompjsFrame = fc
  .record({
    command: fc.constantFrom(...COMMANDS),
    headers: fc.record(
      {
        destination: word,
        subscription: word,
        'receipt-id': word,
        'x-word': word,
        version: fc.constantFrom('1.0', '1.1', '1.2'),
        'content-type': fc.constantFrom('application/json', 'text/plain'),
      },
      { requiredKeys: [] },
    ),
    body: fc.oneof(
      word,
      word.map((type) => JSON.stringify({ type, n: 1 })),
      fc.constant(''),
    ),
    escapeHeaderValues: fc.boolean(),
    skipContentLengthHeader: fc.boolean(),
  })
  .map((frame) => FrameImpl.marshall({ ...frame, headers: { ...frame.headers } }) as string);

/** Texts no client writes this way: undefined escapes, cut frames, heart-beats, garbage, two frames in one. */
const oddText = fc.constantFrom(
  'SEND\ndestination:tr\\u0061de\n\n\0',
  'SEND\ndestination:/topic/tr\\cade\n\n\0',
  'MESSAGE\ndestination:/topic/trade\n\nbody',
  'MESSAGE\ndestination:/topic/x\n',
  'MESS',
  '\n',
  '\r\n\r\n',
  'GARBAGE\n\n\0',
  'SEND\r\ndestination:trade\r\n\r\n{"type":"trade"}\0\r\n',
  'SEND\ndestination:x\n\n\0SEND\ndestination:trade\n\n\0',
  'SEND\ndestination:x\n\n\0\nSEND\ndestination:trade\n',
  'SEND\ndestination:x\n\n\0junk',
  'SEND\ndestination:x\ncontent-length:3\n\nab\0',
  'CONNECTED\nversion:1.0\n\n\0',
  'CONNECTED\nversion:1.1\n\n\0',
  'MESSAGE\ndestination:tr\\cade\nx-word:a\\rb\n\n\0',
  // What a reader working on the text must read as the decoder does: repeats, byte counts, marks, surrogates.
  'MESSAGE\ndestination:/topic/quote\ndestination:/topic/trade\n\n\0',
  'MESSAGE\ndestination:/topic/trade\ndestination:/topic/quote\nx-word:trade\nx-word:quote\n\n\0',
  'SEND\ndestination:é\ncontent-length:5\n\ntrade\0\n',
  'SEND\ndestination:trade\ncontent-length:5\n\ntrée\0',
  'SEND\ndestination:trade\ncontent-length:4\n\ntrée\0',
  'SEND\ndestination:trade\ncontent-length:4\ncontent-length:5\n\ntrade\0',
  'SEND\ndestination:trade\ncontent-length:6\n\ntrée\0',
  'SEND\ndestination:trade\ncontent-length:+6\n\ntrée\0',
  'SEND\ndestination:trade\ncontent-length:7\n\ntr\0ade\0\r\n',
  'MESSAGE\n\uFEFFdestination:/topic/trade\n\n\uFEFF{"type":"trade"}\0',
  'SEND\ndestination:\uD800trade\n\n\0',
  'SEND\ndestination\\c:trade\nx-word:tr\\\\ade\n\n\0',
  'MESSAGE\ndestination:/topic/trade\r\nx-word:trade\r\r\n\r\n{"type":"trade"\0\n\n',
  'MESSAGE\ndestination:/topic/trade\r\nx-word:a\r\n\n\0',
);

/** A text whole, split over two messages (as a client splits a large frame), or as bytes. */
const messages = fc
  .tuple(fc.oneof(stompjsFrame, oddText), direction, fc.nat(), fc.constantFrom('whole', 'split', 'bytes'))
  .map(([text, dir, at, how]): WireFrame[] => {
    if (how === 'bytes') return [{ dir, bytes: new TextEncoder().encode(text) }];
    if (how === 'whole' || text.length < 2) return [{ dir, text }];
    const cut = 1 + (at % (text.length - 1));
    return [
      { dir, text: text.slice(0, cut) },
      { dir, text: text.slice(cut) },
    ];
  });

/** A body holding a NUL, counted by content-length, that ends in the next message. */
const countedBody = direction.map((dir): WireFrame[] => [
  { dir, text: 'SEND\ndestination:x\ncontent-length:6\n\ntr\0' },
  { dir, text: 'ade\0' },
]);

const traffic = fc.array(fc.oneof(messages, countedBody), { maxLength: 8 }).map((parts) => parts.flat());

const CONDITIONS = [
  'destination = /topic/trade',
  'destination ~ trade',
  'destination = tr:ade',
  'destination = "tr"ade"',
  'destination ~ é',
  'type = MESSAGE',
  'type = heart-beat',
  'type ~ beat',
  'command ~ SE',
  'body = trade',
  'body ~ trade',
  'body ~ ade',
  'body.type = trade',
  'x-word = tr:ade',
  'x-word ~ ade',
  'subscription = trade',
  'receipt-id ~ MESS',
  'version = 1.1',
  'destination != trade',
  'destination.0 = /',
  'content-length = 5',
  'tr:ade = x',
  'x-word:tr = ade',
  'destination\\c = trade',
];

describe('the STOMP field reader', () => {
  it('matches exactly what decoding every frame matches, on random traffic', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'v10.stomp', 'v11.stomp', 'v12.stomp'), traffic, (protocol, frames) => {
        for (const json of CONDITIONS) {
          const { fast, slow } = readerAgrees(decoder, { url: 'ws://h/stomp', protocol }, frames, json);
          expect(fast, json).toEqual(slow);
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000); // many random sessions take a while on a loaded machine

  it('reads a header named __proto__ from the text as decoding does: as a header, the prototype untouched', () => {
    const session = decoder.start({ url: 'ws://h/stomp', protocol: 'v12.stomp' });
    const frame: WireFrame = {
      dir: 'in',
      text: 'MESSAGE\n__proto__:x\ndestination:trade\n__proto__:y\n\n\0',
    };
    const [fields] = session.fieldReader?.({ path: ['__proto__'], texts: ['x'] })(frame) ?? [];
    const decoded = session.decode(frame);
    expect(decoded.ok && decoded.value[0]?.fields).toEqual(fields);
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('reads the one header a query names from a frame without escapes, the first of a repeated one', () => {
    const session = decoder.start({ url: 'ws://h/stomp', protocol: 'v12.stomp' });
    const read = session.fieldReader?.({ path: ['destination'], texts: ['trade'] });
    const frame = (text: string): WireFrame => ({ dir: 'in', text });
    expect(read?.(frame('MESSAGE\ndestination:/t/trade\ndestination:b\n\n{"n":1}\0'))).toEqual([
      { destination: '/t/trade' },
    ]);
    expect(read?.(frame('MESSAGE\nx-word:trade\n\n\0'))).toEqual([{}]);
  });

  it('skips a whole frame that lacks the value, but not one a split frame may continue', () => {
    const facts = { url: 'ws://h/stomp', protocol: 'v12.stomp' };
    const session = decoder.start(facts);
    const read = session.fieldReader?.({ path: ['destination'], texts: ['trade'] });
    const decode = vi.spyOn(session, 'decode');
    const frames: WireFrame[] = [
      { dir: 'in', text: 'MESSAGE\ndestination:/topic/quote\n\n{}\0' },
      { dir: 'in', text: 'MESSAGE\ndestination:/topic/tr' },
      { dir: 'in', text: 'ade\n\n{}\0' },
      { dir: 'in', text: 'MESSAGE\ndestination:/topic/trade\n\n{}\0' },
    ];
    expect(frames.map((frame) => read?.(frame).length)).toEqual([0, 0, 1, 1]);
    // The first is skipped; the second starts a frame, which the third ends; the fourth is read from its text.
    expect(decode).toHaveBeenCalledTimes(2);
  });
});
