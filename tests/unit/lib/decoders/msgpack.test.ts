import { decode as oracleDecode, encode as oracleEncode, ExtData } from '@msgpack/msgpack';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodedMessage, WireFrame } from '../../../../src/lib/decoders/decoder';
import { entry } from '../../../../src/lib/decoders/msgpack/detect';
import { messagePackExtent } from '../../../../src/lib/decoders/msgpack/extent';
import { decodeValue, decoder, encodeValue } from '../../../../src/lib/decoders/msgpack/index';

const facts = { url: 'ws://127.0.0.1/', protocol: '' };
const hex = (text: string) =>
  Uint8Array.from(text.split(/\s+/).filter(Boolean), (pair) => parseInt(pair, 16));
const context = { nextId: () => 1 };

function decodeOne(bytes: Uint8Array): DecodedMessage {
  const result = decoder.start(facts).decode({ dir: 'in', bytes });
  if (!result.ok) throw new Error(result.error);
  expect(result.value).toHaveLength(1);
  return result.value[0] as DecodedMessage;
}

function composed(value: unknown): Uint8Array {
  const result = decoder.compose!(value, context);
  if (!result.ok) throw new Error(result.error);
  const [frame] = result.value;
  if (!frame || !('bytes' in frame)) throw new Error('expected one binary frame');
  return frame.bytes;
}

describe('MessagePack decoding', () => {
  it('decodes the msgpack.org example as a map', () => {
    // {"compact":true,"schema":0}
    const message = decodeOne(hex('82 a7 63 6f 6d 70 61 63 74 c3 a6 73 63 68 65 6d 61 00'));
    expect(message).toMatchObject({
      type: 'map',
      tree: { compact: true, schema: 0 },
      fields: { compact: true, schema: 0 },
      summary: 'map {"compact":true,"schema":0}',
    });
    expect(message.control).toBeUndefined();
  });

  it('names a message by its type field, with its event as the key, as a JSON message would be', () => {
    expect(decodeOne(oracleEncode({ type: 'trade', price: 101 }))).toMatchObject({
      type: 'trade',
      summary: 'trade {"type":"trade","price":101}',
      fields: { type: 'trade', price: 101 },
    });
    expect(decodeOne(oracleEncode({ type: 'emit', event: 'chat' }))).toMatchObject({
      type: 'emit',
      key: 'chat',
    });
    expect(decodeOne(oracleEncode({ event: 'chat', args: [1] }))).toMatchObject({ type: 'chat' });
  });

  it('names other values by their kind, under fields.value', () => {
    expect(decodeOne(hex('93 01 02 03'))).toMatchObject({
      type: 'array',
      tree: [1, 2, 3],
      fields: { value: [1, 2, 3] },
    });
    expect(decodeOne(hex('a2 68 69'))).toMatchObject({ type: 'string', tree: 'hi' });
    expect(decodeOne(hex('c0'))).toMatchObject({ type: 'null', tree: null });
  });

  it('keeps maps with keys other than strings as they are', () => {
    // {1: "a", "b": 2} and {[1, 2]: true}
    const bytes = hex('82 01 a1 61 a1 62 02');
    expect(decodeOne(bytes)).toMatchObject({
      type: 'map',
      tree: {
        $map: [
          [1, 'a'],
          ['b', 2],
        ],
      },
    });
    expect(decodeOne(hex('81 92 01 02 c3')).tree).toEqual({ $map: [[[1, 2], true]] });
    const value = decodeValue(bytes);
    expect(value).toEqual({
      ok: true,
      value: new Map<unknown, unknown>([
        [1, 'a'],
        ['b', 2],
      ]),
    });
    expect(encodeValue(value.ok && value.value)).toEqual({ ok: true, value: bytes });
  });

  it('does not mistake a string key for a stand-in for another key', () => {
    const bytes = oracleEncode({ '\u00000': 'x', a: 1 });
    expect(decodeValue(bytes)).toEqual({ ok: true, value: { '\u00000': 'x', a: 1 } });
  });

  it('keeps a key named __proto__ as a key, which the library alone refuses', () => {
    const bytes = hex('81 a9 5f 5f 70 72 6f 74 6f 5f 5f c3'); // {"__proto__": true}
    const value = decodeValue(bytes);
    expect(value.ok && Object.getOwnPropertyDescriptor(value.value, '__proto__')?.value).toBe(true);
    const tree = decodeOne(bytes).tree as object;
    expect(Object.getPrototypeOf(tree)).toBe(Object.prototype);
    expect(Object.keys(tree)).toEqual(['__proto__']);
    expect(encodeValue(value.ok && value.value)).toEqual({ ok: true, value: bytes });
  });

  it('shows 64-bit integers exactly: numbers while safe, decimal strings beyond', () => {
    expect(decodeOne(hex('cf ff ff ff ff ff ff ff ff')).tree).toBe('18446744073709551615');
    expect(decodeOne(hex('d3 80 00 00 00 00 00 00 00')).tree).toBe('-9223372036854775808');
    expect(decodeOne(hex('cf 00 00 00 00 00 00 00 07')).tree).toBe(7);
  });

  it('marks bytes, extension types, timestamps and non-finite floats', () => {
    expect(decodeOne(hex('c4 03 01 02 ff'))).toMatchObject({ type: 'bytes', tree: { $bytes: '0102ff' } });
    expect(decodeOne(hex('d4 05 2a'))).toMatchObject({ type: 'ext', tree: { $ext: 5, $bytes: '2a' } });
    expect(decodeOne(hex('d6 ff 00 00 00 00'))).toMatchObject({
      type: 'date',
      tree: { $date: '1970-01-01T00:00:00.000Z' },
    });
    expect(decodeOne(hex('cb 7f f8 00 00 00 00 00 00')).tree).toEqual({ $float: 'NaN' });
    expect(decodeOne(hex('81 a1 62 c4 01 00')).tree).toEqual({ b: { $bytes: '00' } });
  });

  it('refuses bytes left over after the value, truncated values, the unused byte 0xc1 and empty frames', () => {
    const decode = (bytes: Uint8Array) => decoder.start(facts).decode({ dir: 'in', bytes });
    expect(decode(hex('01 02'))).toMatchObject({ ok: false, error: expect.stringContaining('Extra 1') });
    expect(decode(hex('92 01'))).toMatchObject({
      ok: false,
      error: expect.stringContaining('Not MessagePack'),
    });
    expect(decode(hex('c1'))).toMatchObject({ ok: false });
    expect(decode(new Uint8Array())).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
  });

  it('says MessagePack travels in binary frames when given text', () => {
    expect(decoder.start(facts).decode({ dir: 'in', text: '{}' })).toEqual({
      ok: false,
      error: 'MessagePack travels in binary frames, and this is a text frame',
    });
  });
});

describe('MessagePack composing', () => {
  it('encodes any JSON value as one binary frame the library reads back', () => {
    const value = { type: 'subscribe', channels: ['a', 'b'], depth: 10, ratio: 0.5, on: true, none: null };
    expect(oracleDecode(composed(value))).toEqual(value);
  });

  it('round-trips every JSON value through compose and decode', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normal = JSON.parse(JSON.stringify(value)) as unknown;
        expect(decodeOne(composed(normal)).tree).toEqual(normal);
      }),
    );
  });

  it('agrees with the library both ways on its own encodings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normal = JSON.parse(JSON.stringify(value)) as unknown;
        fc.pre(!JSON.stringify(normal).includes('"__proto__"')); // which the library refuses to decode
        const bytes = oracleEncode(normal);
        // Integers past 32 bits travel as 64-bit ones, which decodeValue keeps as bigints and the tree as numbers.
        expect(decodeValue(bytes)).toEqual({ ok: true, value: oracleDecode(bytes, { useBigInt64: true }) });
        expect(decodeOne(bytes).tree).toEqual(normal);
        expect(composed(normal)).toEqual(oracleEncode(normal));
      }),
    );
  });

  it('encodes what decodeValue gives back to the same value: bigints, bytes, extensions, dates, maps', () => {
    const value = new Map<unknown, unknown>([
      [1n << 63n, new Uint8Array([1, 2])],
      ['ext', new ExtData(7, new Uint8Array([9]))],
      ['when', new Date(1_700_000_000_000)],
      [[1, 2], { nested: new Map([[true, 'yes']]) }],
    ]);
    const encoded = encodeValue(value);
    expect(encoded.ok).toBe(true);
    expect(decodeValue(encoded.ok ? encoded.value : new Uint8Array())).toEqual({ ok: true, value });
  });

  it('says why a value cannot be encoded', () => {
    expect(decoder.compose!({ f: Symbol('x') }, context)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Cannot encode as MessagePack'),
    });
  });

  it('needs no handshake or heartbeat', () => {
    expect(decoder.keepAlive).toBeUndefined();
  });
});

describe('MessagePack detection', () => {
  const sniff = (frame: WireFrame) => entry.sniff!(frame);

  it('claims binary maps and arrays that fill the frame, and names the subprotocol', () => {
    expect(sniff({ dir: 'in', bytes: oracleEncode({ type: 'hello' }) })).toBe(true);
    expect(sniff({ dir: 'in', bytes: oracleEncode([1, 'two', { three: 3 }]) })).toBe(true);
    expect(entry.byProtocol!('msgpack')).toBe(true);
    expect(entry.byProtocol!('wamp.2.msgpack')).toBe(false);
    expect(entry).toMatchObject({ id: 'msgpack', label: 'MessagePack' });
  });

  it('leaves alone text, scalars, truncated maps and maps with bytes after them', () => {
    expect(sniff({ dir: 'in', text: '\x81' })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('2a') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('82 a1 61 01') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('81 a1 61 01 00') })).toBe(false);
    // Whole, but no map keyed by printable text: too little evidence against chance.
    expect(sniff({ dir: 'in', bytes: hex('93 01 02 03') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('81 01 02') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('81 a2 ff fe 01') })).toBe(false);
    // An MQTT CONNECT and a protobuf message are not MessagePack.
    expect(sniff({ dir: 'out', bytes: hex('10 0c 00 04 4d 51 54 54 04 02 00 1e 00 00') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('08 96 01') })).toBe(false);
  });

  it('finds the end of a value exactly where the library does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const whole = decodeValue(bytes).ok;
        if (whole) expect(messagePackExtent(bytes)).toBe(bytes.length);
        if (messagePackExtent(bytes) === bytes.length) expect(whole).toBe(true);
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const bytes = oracleEncode(value);
        expect(messagePackExtent(bytes)).toBe(bytes.length);
      }),
    );
  });

  it('loads the decoder', async () => {
    expect(await entry.load()).toBe(decoder);
  });
});

describe('MessagePack fuzz', () => {
  const isResult = (result: unknown) =>
    expect(result).toSatisfy(
      (r: { ok: boolean; value?: unknown; error?: unknown }) =>
        (r.ok === true && Array.isArray(r.value)) || (r.ok === false && typeof r.error === 'string'),
    );

  it('never throws on random bytes, and always returns a Result', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        isResult(decoder.start(facts).decode({ dir: 'in', bytes }));
        entry.sniff!({ dir: 'in', bytes });
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on truncations of valid frames', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, cut) => {
        const bytes = oracleEncode(value);
        const truncated = bytes.subarray(0, cut % (bytes.length + 1));
        isResult(decoder.start(facts).decode({ dir: 'in', bytes: truncated }));
        entry.sniff!({ dir: 'in', bytes: truncated });
      }),
    );
  });
});
