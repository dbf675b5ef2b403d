import { create, fromBinary, toBinary, toJson } from '@bufbuild/protobuf';
import {
  DurationSchema,
  EnumValueDescriptorProtoSchema,
  file_google_protobuf_struct,
  FileDescriptorProtoSchema,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decoder, DecodedMessage, WireFrame } from '../../../../src/lib/decoders/decoder';
import { fileDescriptor } from '../../../../src/lib/decoders/protobuf/descriptor';
import { entry } from '../../../../src/lib/decoders/protobuf/detect';
import { decoder, decoderWithSchema } from '../../../../src/lib/decoders/protobuf/index';
import { parseProto } from '../../../../src/lib/decoders/protobuf/proto-text';

const facts = { url: 'ws://127.0.0.1/', protocol: '' };
const hex = (text: string) =>
  Uint8Array.from(text.match(/[0-9a-f]{2}/gi) ?? [], (pair) => parseInt(pair, 16));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const context = { nextId: () => 1 };

const CHAT_PROTO = `
syntax = "proto3";
package chat.v1;
option java_package = "com.example.chat";
import "google/protobuf/any.proto";

// What the server sends.
message Envelope {
  uint64 seq = 1;
  oneof body {
    Message message = 2;
    Presence presence = 3;
  }
  map<string, int32> counters = 4;
  repeated string tags = 5;
  optional string note = 6;
  Kind kind = 7;
  bytes blob = 8;
  double score = 9;
  sint32 delta = 10;
  repeated int32 ids = 11 [packed = true];
  reserved 12, 15 to 20;

  message Presence {
    string user_name = 1;
    bool online = 2;
  }
}

/* What either side sends. */
message Message {
  string room = 1;
  string text = 2;
  int64 at = 3 [json_name = "sentAt", deprecated = true];
}

enum Kind {
  option allow_alias = true;
  KIND_UNSPECIFIED = 0;
  KIND_CHAT = 1;
}

service Chat {
  rpc Send(Message) returns (Envelope) { option (google.api.http) = { post: "/v1/send" body: "*" }; }
}
`;

function withSchema(types: { in?: string; out?: string }, proto = CHAT_PROTO): Decoder {
  const result = decoderWithSchema(proto, types);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function decodeOne(chosen: Decoder, frame: WireFrame): DecodedMessage {
  const result = chosen.start(facts).decode(frame);
  if (!result.ok) throw new Error(result.error);
  expect(result.value).toHaveLength(1);
  return result.value[0] as DecodedMessage;
}

function composed(chosen: Decoder, description: unknown): Uint8Array {
  const result = chosen.compose!(description, context);
  if (!result.ok) throw new Error(result.error);
  const [frame] = result.value;
  if (!frame || !('bytes' in frame)) throw new Error('expected a binary frame');
  return frame.bytes;
}

describe('Protobuf without a schema', () => {
  const raw = (bytes: Uint8Array) => decodeOne(decoder, { dir: 'in', bytes });

  it('reads the encoding guide’s vectors', () => {
    expect(raw(hex('08 96 01'))).toMatchObject({
      type: 'message',
      tree: { '1': 150 },
      summary: 'message {"1":150}',
    });
    expect(raw(hex('12 07 74 65 73 74 69 6e 67')).tree).toEqual({ '2': 'testing' });
    expect(raw(hex('1a 03 08 96 01')).tree).toEqual({ '3': { '1': 150 } });
    expect(raw(hex('08 96 01 12 07 74 65 73 74 69 6e 67')).fields).toEqual({ '1': 150, '2': 'testing' });
  });

  it('shows repeated fields as arrays, negative int64 as negative, and both readings of fixed-width values', () => {
    expect(raw(hex('08 01 08 02 08 03')).tree).toEqual({ '1': [1, 2, 3] });
    expect(raw(hex('08 ff ff ff ff ff ff ff ff ff 01')).tree).toEqual({ '1': -1 });
    expect(raw(hex('09 00 00 00 00 00 00 f8 3f')).tree).toEqual({
      '1': { fixed64: '4609434218613702656', double: 1.5 },
    });
    expect(raw(hex('0d 00 00 c0 3f')).tree).toEqual({ '1': { fixed32: 1069547520, float: 1.5 } });
  });

  it('shows alternatives where length-delimited contents are ambiguous', () => {
    // "(A" is both text and the message {5: 65}.
    expect(raw(hex('0a 02 28 41')).tree).toEqual({ '1': { $message: { '5': 65 }, $string: '(A' } });
    // ff 01 02 is no message (wire type 7) and no text: packed varints [255, 2], or the bytes.
    expect(raw(hex('0a 03 ff 01 02')).tree).toEqual({ '1': { $packed: [255, 2], $bytes: 'ff0102' } });
    expect(raw(hex('0a 02 ff ff')).tree).toEqual({ '1': { $bytes: 'ffff' } });
  });

  it('refuses bytes that are not records to their end, and text frames', () => {
    const decode = (frame: WireFrame) => decoder.start(facts).decode(frame);
    expect(decode({ dir: 'in', bytes: hex('08') })).toMatchObject({
      ok: false,
      error: expect.stringContaining('Not a protobuf'),
    });
    expect(decode({ dir: 'in', bytes: hex('0a 05 01') })).toMatchObject({ ok: false });
    expect(decode({ dir: 'in', bytes: hex('00 01') })).toMatchObject({ ok: false });
    expect(decode({ dir: 'in', text: 'x' })).toEqual({
      ok: false,
      error: 'Protobuf travels in binary frames, and this is a text frame',
    });
    expect(decoder.compose).toBeUndefined();
    expect(decoder.keepAlive).toBeUndefined();
  });
});

describe('Protobuf with a schema', () => {
  const chat = withSchema({ in: 'chat.v1.Envelope', out: 'Message' });

  it('decodes by field name what @bufbuild/protobuf encodes, naming the oneof case', () => {
    const bytes = composed(withSchema({ out: 'Envelope' }), {
      seq: '7',
      message: { room: 'lobby', text: 'hi', sentAt: '1700000000000' },
      counters: { a: 1 },
      tags: ['x', 'y'],
      note: 'n',
      kind: 'KIND_CHAT',
      blob: 'AQI=',
      score: 0.5,
      delta: -3,
      ids: [1, 2, 300],
    });
    const message = decodeOne(chat, { dir: 'in', bytes });
    expect(message).toMatchObject({ type: 'Envelope', key: 'message' });
    expect(message.summary.startsWith('Envelope message {"seq":"7"')).toBe(true);
    expect(message.tree).toEqual({
      seq: '7',
      message: { room: 'lobby', text: 'hi', at: '1700000000000' },
      counters: { a: 1 },
      tags: ['x', 'y'],
      note: 'n',
      kind: 'KIND_CHAT',
      blob: 'AQI=',
      score: 0.5,
      delta: -3,
      ids: [1, 2, 300],
    });
  });

  it('encodes fields exactly as the wire format says', () => {
    expect(toHex(composed(chat, { room: 'a', text: 'hi' }))).toBe('0a01611202' + '6869');
    // packed by default in proto3, zigzag for sint32
    expect(toHex(composed(withSchema({ out: 'Envelope' }), { ids: [1, 2], delta: -1 }))).toBe('50015a020102');
    expect(
      toHex(composed(withSchema({ out: 'Envelope' }), { presence: { user_name: 'z', online: true } })),
    ).toBe('1a050a017a1001');
  });

  it('shows every field, zero values too, and lists fields the schema does not know', () => {
    expect(decodeOne(chat, { dir: 'out', bytes: hex('0a 01 61') }).tree).toEqual({
      room: 'a',
      text: '',
      at: '0',
    });
    expect(decodeOne(chat, { dir: 'out', bytes: hex('0a 01 61 78 05') }).tree).toMatchObject({
      room: 'a',
      $unknownFields: [15],
    });
  });

  it('reads a direction without a type without the schema', () => {
    expect(decodeOne(withSchema({ in: 'Envelope' }), { dir: 'out', bytes: hex('08 96 01') }).tree).toEqual({
      '1': 150,
    });
  });

  it('says what is wrong instead of throwing', () => {
    expect(chat.start(facts).decode({ dir: 'in', bytes: hex('0a 05 01') })).toMatchObject({
      ok: false,
      error: expect.stringContaining('Not a chat.v1.Envelope'),
    });
    expect(chat.compose!({ room: 5 }, context)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Cannot encode as chat.v1.Message'),
    });
    expect(chat.compose!({ nope: 1 }, context)).toMatchObject({ ok: false });
    expect(withSchema({ in: 'Envelope' }).compose!({}, context)).toEqual({
      ok: false,
      error: 'Choose the message type of sent messages to compose Protobuf',
    });
  });

  it('refuses types the schema lacks, and ambiguous short names', () => {
    expect(decoderWithSchema(CHAT_PROTO, { in: 'Nope' })).toEqual({
      ok: false,
      error:
        'No message type Nope in the .proto; it has chat.v1.Envelope, chat.v1.Envelope.Presence, chat.v1.Message',
    });
    expect(decoderWithSchema(CHAT_PROTO, { in: '.chat.v1.Envelope.Presence', out: 'Presence' }).ok).toBe(
      true,
    );
    const twice = 'syntax = "proto3"; message A { message X {} } message B { message X {} }';
    expect(decoderWithSchema(twice, { in: 'X' })).toMatchObject({ ok: false });
    expect(decoderWithSchema(twice, { in: 'A.X' }).ok).toBe(true);
  });
});

describe('Reading .proto text', () => {
  it.each([
    ['message A { int32 a = 1 }', 'line 1, column 25: expected “;” (found “}”)'],
    [
      'syntax = "proto3";\nmessage A {\n  Missing m = 1;\n}',
      'type Missing (used in A) is not defined in this file',
    ],
    ['edition = "2023";', 'editions are not supported'],
    ['syntax = "proto2"; message A { optional group G = 1 { } }', 'groups are not supported'],
    ['syntax = "proto4";', 'syntax "proto4" is neither proto2 nor proto3'],
    ['message A {', 'the text ends too early'],
    ['enum E {}', 'enum E has no values'],
  ])('says what is wrong with %j', (proto, error) => {
    expect(decoderWithSchema(proto, {})).toMatchObject({ ok: false, error: expect.stringContaining(error) });
  });

  it('builds what protoc builds for struct.proto, as @bufbuild/protobuf embeds it', () => {
    const struct = `
      syntax = "proto3";
      package google.protobuf;
      option cc_enable_arenas = true;
      option go_package = "google.golang.org/protobuf/types/known/structpb";
      message Struct { map<string, Value> fields = 1; }
      message Value {
        oneof kind {
          NullValue null_value = 1;
          double number_value = 2;
          string string_value = 3;
          bool bool_value = 4;
          Struct struct_value = 5;
          ListValue list_value = 6;
        }
      }
      enum NullValue { NULL_VALUE = 0; }
      message ListValue { repeated Value values = 1; }`;
    const shape = (file: FileDescriptorProto) => {
      const json = toJson(FileDescriptorProtoSchema, file) as { messageType: unknown[]; enumType: unknown[] };
      return JSON.parse(
        JSON.stringify({ messageType: json.messageType, enumType: json.enumType }),
        (key, value: unknown) => (key === 'jsonName' ? undefined : value),
      ) as unknown;
    };
    expect(shape(fileDescriptor(parseProto(struct)))).toEqual(shape(file_google_protobuf_struct.proto));
  });

  it('encodes pasted copies of well-known types as @bufbuild/protobuf’s own generated types do', () => {
    const duration = withSchema(
      { out: 'Duration' },
      'syntax = "proto3"; message Duration { int64 seconds = 1; int32 nanos = 2; }',
    );
    const theirs = toBinary(DurationSchema, create(DurationSchema, { seconds: -5n, nanos: -7 }));
    expect(composed(duration, { seconds: '-5', nanos: -7 })).toEqual(theirs);
    const enumValue = withSchema(
      { in: 'V' },
      'syntax = "proto2"; message V { optional string name = 1; optional int32 number = 2 [default = 3]; }',
    );
    const bytes = toBinary(
      EnumValueDescriptorProtoSchema,
      create(EnumValueDescriptorProtoSchema, { name: 'X', number: -2 }),
    );
    expect(decodeOne(enumValue, { dir: 'in', bytes }).tree).toEqual({ name: 'X', number: -2 });
    const sent = composed(
      withSchema(
        { out: 'V' },
        'syntax = "proto2"; message V { optional string name = 1; optional int32 number = 2; }',
      ),
      {
        name: 'Y',
        number: 9,
      },
    );
    expect(fromBinary(EnumValueDescriptorProtoSchema, sent)).toMatchObject({ name: 'Y', number: 9 });
  });

  it('reads proto2 labels, defaults, packed options, nested enums and comments', () => {
    const proto2 = `
      syntax = "proto2";
      package p;
      message Order {
        required string id = 1; // the order
        optional int32 quantity = 2 [default = 1];
        repeated int32 codes = 3 [packed = true];
        optional Status status = 4 [default = OPEN];
        enum Status { OPEN = 0; CLOSED = 1; }
        extensions 100 to 199;
      }`;
    const order = withSchema({ in: 'p.Order', out: 'p.Order' }, proto2);
    const bytes = composed(order, { id: 'o1', codes: [1, 2], status: 'CLOSED' });
    expect(toHex(bytes)).toBe('0a026f311a0201022001');
    expect(decodeOne(order, { dir: 'in', bytes }).tree).toMatchObject({
      id: 'o1',
      codes: [1, 2],
      status: 'CLOSED',
    });
  });
});

describe('Protobuf round trips and detection', () => {
  const envelope = withSchema({ in: 'Envelope', out: 'Envelope' });

  it('decodes whatever it composes to the same JSON', () => {
    const json = fc.record(
      {
        seq: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
        tags: fc.array(fc.string()),
        delta: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        // proto3 leaves a zero out, so −0 would come back as 0
        score: fc.double({ noNaN: true, noDefaultInfinity: true }).map((score) => score + 0),
        counters: fc.dictionary(fc.string(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
        presence: fc.record({ user_name: fc.string(), online: fc.boolean() }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(json, (value) => {
        const tree = decodeOne(envelope, { dir: 'in', bytes: composed(envelope, value) }).tree as Record<
          string,
          unknown
        >;
        for (const [key, item] of Object.entries(value)) expect(tree[key]).toEqual(item);
      }),
    );
  });

  it('sniffs messages with some structure and no random bytes', () => {
    expect(entry).toMatchObject({ id: 'protobuf', label: 'Protobuf' });
    expect(entry.sniff!({ dir: 'in', bytes: hex('12 07 74 65 73 74 69 6e 67') })).toBe(true);
    expect(entry.sniff!({ dir: 'in', bytes: hex('1a 03 08 96 01') })).toBe(true);
    expect(
      entry.sniff!({ dir: 'in', bytes: composed(envelope, { seq: '17', tags: ['alpha'], delta: 2 }) }),
    ).toBe(true);
    expect(entry.sniff!({ dir: 'in', bytes: hex('08 01 10 02 18 03 20 04') })).toBe(true); // four small fields
    expect(entry.sniff!({ dir: 'in', bytes: hex('08 96 01') })).toBe(false); // one varint is not evidence
    expect(entry.sniff!({ dir: 'in', bytes: hex('10 01 08 02 18 03 20 04') })).toBe(false); // out of field order
    expect(entry.sniff!({ dir: 'in', bytes: hex('1a 05 0d 01 02 03 04') })).toBe(false); // a lone fixed32 nested
    expect(entry.sniff!({ dir: 'in', bytes: hex('10 0c 00 04 4d 51 54 54 04 02 00 1e 00 00') })).toBe(false); // MQTT
    expect(entry.sniff!({ dir: 'in', bytes: hex('82 a1 61 01 a1 62 02') })).toBe(false); // MessagePack
    expect(entry.sniff!({ dir: 'in', text: '\x12\x01a' })).toBe(false);
    expect(['protobuf', 'chat.v1+proto', 'json'].map((p) => entry.byProtocol!(p))).toEqual([
      true,
      true,
      false,
    ]);
    let claimed = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 64 }), (bytes) => {
        if (entry.sniff!({ dir: 'in', bytes })) claimed++;
      }),
      { numRuns: 2000 },
    );
    expect(claimed).toBeLessThan(10);
  });

  it('loads the schema-less decoder', async () => {
    expect(await entry.load()).toBe(decoder);
  });
});

describe('Protobuf fuzz', () => {
  const isResult = (result: unknown) =>
    expect(result).toSatisfy(
      (r: { ok: boolean; value?: unknown; error?: unknown }) =>
        (r.ok === true && Array.isArray(r.value)) || (r.ok === false && typeof r.error === 'string'),
    );
  const envelope = withSchema({ in: 'Envelope', out: 'Message' });

  it('never throws on random bytes, with or without a schema', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        isResult(decoder.start(facts).decode({ dir: 'in', bytes }));
        isResult(envelope.start(facts).decode({ dir: 'in', bytes }));
        entry.sniff!({ dir: 'in', bytes });
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on truncations of valid messages', () => {
    const bytes = composed(withSchema({ out: 'Envelope' }), {
      seq: '9',
      message: { room: 'r', text: 't' },
      tags: ['a', 'b'],
      ids: [1, 500],
    });
    for (let cut = 0; cut <= bytes.length; cut++) {
      isResult(decoder.start(facts).decode({ dir: 'in', bytes: bytes.subarray(0, cut) }));
      isResult(envelope.start(facts).decode({ dir: 'in', bytes: bytes.subarray(0, cut) }));
    }
  });

  it('never throws on random .proto text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(decoderWithSchema(text, {})).toSatisfy((r: { ok: boolean }) => typeof r.ok === 'boolean');
        const words =
          'syntax = "proto3" ; message A { int32 a = 1 ; } enum oneof map < , > [ ] option repeated'.split(
            ' ',
          );
        const soup = text
          .split('')
          .map((ch) => words[ch.charCodeAt(0) % words.length])
          .join(' ');
        expect(decoderWithSchema(soup, {})).toSatisfy((r: { ok: boolean }) => typeof r.ok === 'boolean');
      }),
      { numRuns: 500 },
    );
  });
});
