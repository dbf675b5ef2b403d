import type { DecodedMessage } from '../decoder';
import type { SchemaType } from './schema';

/** The grid shows one line; a long message is cut here. */
const PREVIEW_LIMIT = 200;

/** A message read without a schema: its type is `message`, its fields are keyed by number (`1 = 150`). */
export function rawMessage(tree: Record<string, unknown>): DecodedMessage {
  return { type: 'message', summary: `message ${preview(tree)}`, tree, fields: tree };
}

/**
 * A message read with its schema: its type is the message type's name, its key the field set in its first oneof
 * (what an envelope message says it carries), its fields the JSON by proto field name. Fields the schema does not
 * know are listed, since they hint that the type chosen for this direction is the wrong one.
 */
export function schemaMessage(
  type: SchemaType,
  json: Record<string, unknown>,
  unknownFields: number[],
): DecodedMessage {
  const key = type.descriptor.oneofs
    .flatMap((oneof) => oneof.fields)
    .find((field) => json[field.name] !== undefined && json[field.name] !== null)?.name;
  const tree = unknownFields.length > 0 ? { ...json, $unknownFields: unknownFields } : json;
  const head = key === undefined ? type.descriptor.name : `${type.descriptor.name} ${key}`;
  return {
    type: type.descriptor.name,
    ...(key !== undefined && { key }),
    summary: `${head} ${preview(json)}`,
    tree,
    fields: tree,
  };
}

function preview(tree: unknown): string {
  const text = JSON.stringify(tree);
  return text.length > PREVIEW_LIMIT ? `${text.slice(0, PREVIEW_LIMIT - 1)}…` : text;
}
