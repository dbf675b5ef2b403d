import { create } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as Type,
  FileDescriptorProtoSchema,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import {
  ProtoSyntaxError,
  type EnumNode,
  type FieldNode,
  type MessageNode,
  type ProtoFile,
} from './proto-text';

/** The name the one pasted file gets in its descriptor. */
export const PROTO_FILE_NAME = 'pasted.proto';

const SCALARS = new Map<string, Type>([
  ['double', Type.DOUBLE],
  ['float', Type.FLOAT],
  ['int64', Type.INT64],
  ['uint64', Type.UINT64],
  ['int32', Type.INT32],
  ['fixed64', Type.FIXED64],
  ['fixed32', Type.FIXED32],
  ['bool', Type.BOOL],
  ['string', Type.STRING],
  ['bytes', Type.BYTES],
  ['uint32', Type.UINT32],
  ['sfixed32', Type.SFIXED32],
  ['sfixed64', Type.SFIXED64],
  ['sint32', Type.SINT32],
  ['sint64', Type.SINT64],
]);

const LABELS = { optional: Label.OPTIONAL, required: Label.REQUIRED, repeated: Label.REPEATED };

/**
 * What protoc would make of the file: a FileDescriptorProto with type names resolved to full names (`.pkg.Msg`),
 * map fields as their `…Entry` messages, proto3 `optional` fields in synthetic oneofs, and JSON names. Throws
 * ProtoSyntaxError for a type that names nothing in the file.
 */
export function fileDescriptor(file: ProtoFile): FileDescriptorProto {
  const prefix = file.package ? `.${file.package}` : '';
  const kinds = new Map<string, 'message' | 'enum'>();
  collectNames(file.messages, file.enums, prefix, kinds);
  const context: Context = { kinds, proto3: file.syntax === 'proto3' };
  return create(FileDescriptorProtoSchema, {
    name: PROTO_FILE_NAME,
    package: file.package,
    syntax: file.syntax,
    messageType: file.messages.map((message) => messageDescriptor(message, prefix, context)),
    enumType: file.enums.map(enumDescriptor),
  });
}

interface Context {
  kinds: Map<string, 'message' | 'enum'>;
  proto3: boolean;
}

function collectNames(
  messages: MessageNode[],
  enums: EnumNode[],
  scope: string,
  kinds: Context['kinds'],
): void {
  for (const node of enums) kinds.set(`${scope}.${node.name}`, 'enum');
  for (const node of messages) {
    const name = `${scope}.${node.name}`;
    kinds.set(name, 'message');
    collectNames(node.messages, node.enums, name, kinds);
  }
}

/** The parts of DescriptorProto, FieldDescriptorProto and EnumDescriptorProto this file sets. */
interface DescriptorInit {
  name: string;
  field: FieldInit[];
  oneofDecl?: { name: string }[];
  nestedType: DescriptorInit[];
  enumType: EnumInit[];
  options?: { mapEntry: boolean };
}

interface FieldInit {
  name?: string;
  number?: number;
  jsonName?: string;
  label?: Label;
  type?: Type;
  typeName?: string;
  oneofIndex?: number;
  proto3Optional?: boolean;
  defaultValue?: string;
  options?: { packed: boolean };
}

interface EnumInit {
  name: string;
  value: { name: string; number: number }[];
}

function messageDescriptor(node: MessageNode, scope: string, context: Context): DescriptorInit {
  const fullName = `${scope}.${node.name}`;
  const mapEntries: DescriptorInit[] = [];
  const syntheticOneofs: string[] = [];
  const fields = node.fields.map((field): FieldInit => {
    if (field.map) {
      const entry = mapEntry(field, fullName, context);
      mapEntries.push(entry);
      return {
        ...fieldBase(field),
        label: Label.REPEATED,
        type: Type.MESSAGE,
        typeName: `${fullName}.${entry.name}`,
      };
    }
    const descriptor: FieldInit = { ...fieldBase(field), ...fieldType(field.type, fullName, context) };
    descriptor.label = field.label ? LABELS[field.label] : Label.OPTIONAL;
    if (field.oneof !== undefined) descriptor.oneofIndex = field.oneof;
    if (context.proto3 && field.label === 'optional') {
      descriptor.proto3Optional = true;
      descriptor.oneofIndex = node.oneofs.length + syntheticOneofs.push(`_${field.name}`) - 1;
    }
    return descriptor;
  });
  return {
    name: node.name,
    field: fields,
    oneofDecl: [...node.oneofs, ...syntheticOneofs].map((name) => ({ name })),
    nestedType: [
      ...node.messages.map((nested) => messageDescriptor(nested, fullName, context)),
      ...mapEntries,
    ],
    enumType: node.enums.map(enumDescriptor),
  };
}

function fieldBase(field: FieldNode): FieldInit {
  return {
    name: field.name,
    number: field.number,
    jsonName: field.jsonName ?? jsonName(field.name),
    ...(field.defaultValue !== undefined && { defaultValue: field.defaultValue }),
    ...(field.packed !== undefined && { options: { packed: field.packed } }),
  };
}

/** `map<K, V> my_field` is sugar for a repeated `MyFieldEntry { K key = 1; V value = 2; }` marked as a map entry. */
function mapEntry(field: FieldNode, scope: string, context: Context): DescriptorInit {
  const { key, value } = field.map as { key: string; value: string };
  const entryField = (name: string, number: number, type: string): FieldInit => ({
    name,
    number,
    jsonName: name,
    label: Label.OPTIONAL,
    ...fieldType(type, scope, context),
  });
  return {
    name: `${field.name.replace(/(?:^|_)([a-z])/g, (_, letter: string) => letter.toUpperCase()).replace(/_/g, '')}Entry`,
    field: [entryField('key', 1, key), entryField('value', 2, value)],
    nestedType: [],
    enumType: [],
    options: { mapEntry: true },
  };
}

function fieldType(type: string, scope: string, context: Context): FieldInit {
  const scalar = SCALARS.get(type);
  if (scalar !== undefined) return { type: scalar };
  const resolved = resolve(type, scope, context.kinds);
  if (!resolved)
    throw new ProtoSyntaxError(`type ${type} (used in ${scope.slice(1)}) is not defined in this file`);
  return { type: context.kinds.get(resolved) === 'enum' ? Type.ENUM : Type.MESSAGE, typeName: resolved };
}

/** Protobuf's scoping: a name is looked up in the innermost scope first, then each enclosing one. */
function resolve(type: string, scope: string, kinds: Context['kinds']): string | undefined {
  if (type.startsWith('.')) return kinds.has(type) ? type : undefined;
  for (let outer = scope; ; outer = outer.slice(0, outer.lastIndexOf('.'))) {
    if (kinds.has(`${outer}.${type}`)) return `${outer}.${type}`;
    if (outer === '') return undefined;
  }
}

function enumDescriptor(node: EnumNode): EnumInit {
  return { name: node.name, value: node.values.map(({ name, number }) => ({ name, number })) };
}

/** protoc's json_name: underscores dropped, each letter after one capitalised. */
function jsonName(name: string): string {
  return name.replace(/_+([a-zA-Z0-9]?)/g, (_, next: string) => next.toUpperCase());
}
