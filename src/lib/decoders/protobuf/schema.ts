import {
  createFileRegistry,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescMessage,
  type JsonValue,
} from '@bufbuild/protobuf';
import type { Result } from '../../result';
import { fileDescriptor } from './descriptor';
import { parseProto, ProtoSyntaxError } from './proto-text';
import { messageOf } from '../../errors';

/** A message type of the pasted schema, ready to read and write its messages through @bufbuild/protobuf. */
export interface SchemaType {
  descriptor: DescMessage;
  /** The message as JSON by proto field name, every field shown (zero values too), or why the bytes are not one. */
  decode(bytes: Uint8Array): Result<{ json: Record<string, unknown>; unknownFields: number[] }>;
  encode(json: unknown): Result<Uint8Array>;
}

/** Reads `.proto` text into its message types, or says what is wrong and where. */
export function compileProto(protoText: string): Result<Map<string, DescMessage>> {
  let registry;
  try {
    const file = fileDescriptor(parseProto(protoText));
    registry = createFileRegistry(file, () => undefined);
  } catch (error) {
    const why = messageOf(error);
    return {
      ok: false,
      error: `${error instanceof ProtoSyntaxError ? 'In the .proto, ' : 'The .proto: '}${why}`,
    };
  }
  const types = new Map<string, DescMessage>();
  for (const type of registry) if (type.kind === 'message') types.set(type.typeName, type);
  return { ok: true, value: types };
}

/** A type by its full name (`pkg.Msg`, a leading dot allowed) or, when only one type has it, its short name. */
export function findType(types: Map<string, DescMessage>, name: string): Result<SchemaType> {
  const wanted = name.replace(/^\./, '');
  const found = types.get(wanted) ?? uniqueByShortName(types, wanted);
  if (!found) {
    return {
      ok: false,
      error: `No message type ${wanted} in the .proto; it has ${[...types.keys()].join(', ')}`,
    };
  }
  return { ok: true, value: schemaType(found) };
}

function uniqueByShortName(types: Map<string, DescMessage>, name: string): DescMessage | undefined {
  const matches = [...types.values()].filter((type) => type.name === name);
  return matches.length === 1 ? matches[0] : undefined;
}

function schemaType(descriptor: DescMessage): SchemaType {
  return {
    descriptor,
    decode(bytes) {
      try {
        const message = fromBinary(descriptor, bytes);
        const json = toJson(descriptor, message, { useProtoFieldName: true, alwaysEmitImplicit: true });
        const unknownFields = [...new Set((message.$unknown ?? []).map((field) => field.no))];
        return { ok: true, value: { json: json as Record<string, unknown>, unknownFields } };
      } catch (error) {
        return { ok: false, error: `Not a ${descriptor.typeName}: ${messageOf(error)}` };
      }
    },
    encode(json) {
      try {
        return { ok: true, value: toBinary(descriptor, fromJson(descriptor, json as JsonValue)) };
      } catch (error) {
        return { ok: false, error: `Cannot encode as ${descriptor.typeName}: ${messageOf(error)}` };
      }
    },
  };
}
