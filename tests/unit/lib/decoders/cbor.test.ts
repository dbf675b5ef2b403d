import { decode as oracleDecode, encode as oracleEncode, Simple, Tag } from 'cbor2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entry } from '../../../../src/lib/decoders/cbor/detect';
import { cborExtent } from '../../../../src/lib/decoders/cbor/extent';
import { decodeValue, decoder, encodeValue } from '../../../../src/lib/decoders/cbor/index';
import type { DecodedMessage, WireFrame } from '../../../../src/lib/decoders/decoder';

const facts = { url: 'ws://127.0.0.1/', protocol: '' };
const hex = (text: string) =>
  Uint8Array.from(text.match(/[0-9a-f]{2}/gi) ?? [], (pair) => parseInt(pair, 16));
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

describe('CBOR decoding', () => {
  // RFC 8949 appendix A.
  it.each([
    ['0a', 10],
    ['1b 000000e8d4a51000', 1000000000000],
    ['1b ffffffffffffffff', '18446744073709551615'],
    ['c2 49 010000000000000000', '18446744073709551616'],
    ['3b ffffffffffffffff', '-18446744073709551616'],
    ['c3 49 010000000000000000', '-18446744073709551617'],
    ['f9 3e00', 1.5],
    ['fa 7f800000', { $float: 'Infinity' }],
    ['f9 7e00', { $float: 'NaN' }],
    ['f4', false],
    ['f6', null],
    ['f7', { $undefined: true }],
    ['f0', { $simple: 16 }],
    ['f8 ff', { $simple: 255 }],
    ['c0 74 323031332d30332d32315432303a30343a30305a', { $tag: 0, value: '2013-03-21T20:04:00Z' }],
    ['c1 1a 514b67b0', { $tag: 1, value: 1363896240 }],
    ['d8 20 76 687474703a2f2f7777772e6578616d706c652e636f6d', { $tag: 32, value: 'http://www.example.com' }],
    ['40', { $bytes: '' }],
    ['44 01020304', { $bytes: '01020304' }],
    [
      'a2 01 02 03 04',
      {
        $map: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    ['a2 6161 01 6162 82 02 03', { a: 1, b: [2, 3] }],
    ['82 6161 a1 6162 6163', ['a', { b: 'c' }]],
    ['5f 42 0102 43 030405 ff', { $bytes: '0102030405' }],
    ['7f 65 7374726561 64 6d696e67 ff', 'streaming'],
    ['9f ff', []],
    ['bf 6161 01 6162 9f 02 03 ff ff', { a: 1, b: [2, 3] }],
  ])('decodes %s', (bytes, tree) => {
    expect(decodeOne(hex(bytes)).tree).toEqual(tree);
  });

  it('names a message by its type or event field, or by its kind', () => {
    expect(decodeOne(oracleEncode({ type: 'trade', event: 'fill', price: 101 }))).toMatchObject({
      type: 'trade',
      key: 'fill',
      summary: 'trade fill {"type":"trade","event":"fill","price":101}',
      fields: { type: 'trade', price: 101 },
    });
    expect(decodeOne(hex('a2 01 02 03 04'))).toMatchObject({ type: 'map', fields: { type: 'map' } });
    expect(decodeOne(hex('c1 1a 514b67b0'))).toMatchObject({
      type: 'tag',
      summary: 'tag {"$tag":1,"value":1363896240}',
    });
    expect(decodeOne(hex('83 01 02 03'))).toMatchObject({ type: 'array', fields: { value: [1, 2, 3] } });
  });

  it('keeps a key named __proto__ as a key', () => {
    const tree = decodeOne(hex('a1 69 5f5f70726f746f5f5f a1 6161 01')).tree as Record<string, unknown>;
    expect(Object.getPrototypeOf(tree)).toBe(Object.prototype);
    expect(Object.keys(tree)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(tree, '__proto__')?.value).toEqual({ a: 1 });
  });

  it('refuses bytes after the item, truncated items, misplaced breaks and empty frames', () => {
    const decode = (bytes: Uint8Array) => decoder.start(facts).decode({ dir: 'in', bytes });
    expect(decode(hex('01 02'))).toMatchObject({ ok: false, error: expect.stringContaining('Extra data') });
    expect(decode(hex('82 01'))).toMatchObject({ ok: false, error: expect.stringContaining('Not CBOR') });
    expect(decode(hex('ff'))).toMatchObject({ ok: false });
    expect(decode(new Uint8Array())).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(decoder.start(facts).decode({ dir: 'in', text: 'x' })).toMatchObject({
      ok: false,
      error: 'CBOR travels in binary frames, and this is a text frame',
    });
  });
});

describe('CBOR composing', () => {
  it('encodes any JSON value as one binary frame cbor2 reads back', () => {
    const value = { type: 'subscribe', channels: ['a', 'b'], depth: 10, ratio: 0.5, on: true, none: null };
    expect(oracleDecode(composed(value))).toEqual(value);
    expect(composed({ a: 1, b: [2, 3] })).toEqual(hex('a2 6161 01 6162 82 02 03'));
  });

  it('round-trips every JSON value through compose and decode', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normal = JSON.parse(JSON.stringify(value)) as unknown;
        expect(decodeOne(composed(normal)).tree).toEqual(normal);
      }),
    );
  });

  it('encodes what decodeValue gives back to the same bytes: tags, simple values, maps, bigints', () => {
    for (const bytes of [
      'a2 01 02 03 04',
      'c1 1a 514b67b0',
      'd8 20 63 616263',
      'f0',
      'f7',
      '1b ffffffffffffffff',
    ]) {
      const value = decodeValue(hex(bytes));
      expect(value.ok && encodeValue(value.value)).toEqual({ ok: true, value: hex(bytes) });
    }
    const value = new Map<unknown, unknown>([
      [new Tag(99, 'x'), [new Simple(16), 2n ** 63n, new Uint8Array([1])]],
    ]);
    const encoded = encodeValue(value);
    expect(encoded.ok && decodeValue(encoded.value)).toEqual({ ok: true, value });
  });

  it('says why a value cannot be encoded', () => {
    expect(decoder.compose!({ f: () => 1 }, context)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Cannot encode as CBOR'),
    });
  });

  it('needs no handshake or heartbeat', () => {
    expect(decoder.keepAlive).toBeUndefined();
  });
});

describe('CBOR detection', () => {
  const sniff = (frame: WireFrame) => entry.sniff!(frame);

  it('claims maps, arrays, tagged containers and self-described CBOR that fill the frame', () => {
    expect(sniff({ dir: 'in', bytes: oracleEncode({ type: 'hello' }) })).toBe(true);
    expect(sniff({ dir: 'in', bytes: hex('bf 62 69 64 01 ff') })).toBe(true);
    expect(sniff({ dir: 'in', bytes: hex('d8 63 a1 62 69 64 01') })).toBe(true);
    expect(sniff({ dir: 'in', bytes: hex('d9 d9f7 01') })).toBe(true);
    expect(entry.byProtocol!('cbor')).toBe(true);
    expect(entry.byProtocol!('wamp.2.cbor')).toBe(false);
    expect(entry).toMatchObject({ id: 'cbor', label: 'CBOR' });
  });

  it('leaves alone text, scalars, truncated items, trailing bytes and other protocols', () => {
    expect(sniff({ dir: 'in', text: '\xa0' })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('c1 01') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('a1 61') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('a0 00') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('9f 01') })).toBe(false);
    // Well-formed, but no map keyed by text: too little evidence against chance.
    expect(sniff({ dir: 'in', bytes: hex('9f 01 ff') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('d8 63 a0') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('a1 62 ff fe 01') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('bf 01 02 03 04 ff ff') })).toBe(false);
    expect(sniff({ dir: 'out', bytes: hex('10 0c 00 04 4d 51 54 54 04 02 00 1e 00 00') })).toBe(false);
    expect(sniff({ dir: 'in', bytes: hex('08 96 01') })).toBe(false);
  });

  it('finds the end of every item cbor2 decodes whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        if (decodeValue(bytes).ok) expect(cborExtent(bytes)).toBe(bytes.length);
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const bytes = oracleEncode(value);
        expect(cborExtent(bytes)).toBe(bytes.length);
        expect(cborExtent(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
      }),
    );
  });

  it('loads the decoder', async () => {
    expect(await entry.load()).toBe(decoder);
  });
});

describe('CBOR fuzz', () => {
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
