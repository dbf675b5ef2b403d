import type { Result } from '../../result';
import type { Decoder, DecodeResult, WireFrame } from '../decoder';
import { rawMessage, schemaMessage } from './messages';
import { rawMessageTree } from './raw';
import { compileProto, findType, type SchemaType } from './schema';
import { readWireFields } from './wire';

/** Reads a binary frame as a protobuf message without a schema, as `protoc --decode_raw` does. */
function decodeRaw(frame: WireFrame): DecodeResult {
  if (!frame.bytes)
    return { ok: false, error: 'Protobuf travels in binary frames, and this is a text frame' };
  const fields = readWireFields(frame.bytes);
  if (!fields) {
    return { ok: false, error: 'Not a protobuf message: the bytes are not field records to their end' };
  }
  return { ok: true, value: [rawMessage(rawMessageTree(fields))] };
}

/** Protobuf without a schema: every frame read field by field. Nothing on the wire says what to compose. */
export const decoder: Decoder = {
  id: 'protobuf',
  label: 'Protobuf',
  start: () => ({ decode: decodeRaw }),
};

/** The message type of each direction's frames, by name (`pkg.Msg`, or `Msg` when no other type has that name). */
export interface ProtobufTypes {
  /** What the server sends. */
  in?: string;
  /** What the client sends, and what the composer encodes its JSON into. */
  out?: string;
}

/**
 * Protobuf with a schema: the `.proto` text a profile keeps and the message type of each direction. Decoding gives
 * the message as JSON by field name (a direction without a type is read without the schema); composing encodes a
 * JSON object into the `out` type. Fails, saying why, when the text cannot be read or a type is not in it.
 */
export function decoderWithSchema(protoText: string, types: ProtobufTypes): Result<Decoder, string> {
  const compiled = compileProto(protoText);
  if (!compiled.ok) return compiled;
  const byDirection: Partial<Record<'in' | 'out', SchemaType>> = {};
  for (const dir of ['in', 'out'] as const) {
    const name = types[dir];
    if (name === undefined || name === '') continue;
    const found = findType(compiled.value, name);
    if (!found.ok) return found;
    byDirection[dir] = found.value;
  }
  const decode = (frame: WireFrame): DecodeResult => {
    const type = byDirection[frame.dir];
    if (!type || !frame.bytes) return decodeRaw(frame);
    const read = type.decode(frame.bytes);
    if (!read.ok) return read;
    return { ok: true, value: [schemaMessage(type, read.value.json, read.value.unknownFields)] };
  };
  return {
    ok: true,
    value: {
      ...decoder,
      start: () => ({ decode }),
      compose: (description) => {
        const type = byDirection.out;
        if (!type)
          return { ok: false, error: 'Choose the message type of sent messages to compose Protobuf' };
        const encoded = type.encode(description);
        return encoded.ok ? { ok: true, value: [{ bytes: encoded.value }] } : encoded;
      },
    },
  };
}
