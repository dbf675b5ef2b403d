import { decodeJsonFrame, jsonFieldsOf } from '../decoders/json/index';
import type { ChunkColumns } from '../record/chunk';
import type { FieldCondition } from './field-condition';
import { fieldHolds, quotedLastKey, valueHolds, valueTexts } from './field-condition';
import type { FrameDecoding } from './frame-decoding';
import { messagesAt, wireFrameAt } from './frame-decoding';
import { topLevelFieldReader, UNSURE } from './flat-json-field';

/** Without a decoder, a field condition still reads plain JSON, as it always has. */
const PLAIN_JSON: FrameDecoding = { decoderId: 'json', label: 'JSON', session: { decode: decodeJsonFrame } };

const NO_FIELDS: readonly unknown[] = [];

/**
 * Reads the fields of each frame's decoded messages for a condition on `path` whose value must contain `texts`
 * (see valueTexts). With plain JSON, a text that does not contain the path's last key in quotes and every one of
 * `texts` cannot hold the condition and is not parsed, unless it holds a backslash, which may escape them. A
 * decoder that has a fieldReader skips frames the same way, in its own wire format; any other decodes every frame.
 */
export function fieldsReader(
  decoding: FrameDecoding | null,
  path: readonly string[],
  texts: readonly string[] = [],
): (chunk: ChunkColumns, index: number) => readonly unknown[] {
  const reading = decoding ?? PLAIN_JSON;
  if (reading.decoderId !== 'json') {
    const read = reading.session.fieldReader?.({ path, texts });
    if (read === undefined) {
      return (chunk, index) => messagesAt(reading, chunk, index).map((message) => message.fields);
    }
    return (chunk, index) => {
      const frame = wireFrameAt(chunk, index);
      return frame === undefined ? NO_FIELDS : read(frame);
    };
  }
  const mayHold = plainJsonMayHold(path, texts);
  return (chunk, index) => {
    const payload = chunk.payload[index];
    if (typeof payload !== 'string' || !mayHold(payload)) return NO_FIELDS;
    const fields = jsonFieldsOf(payload);
    return fields === undefined ? NO_FIELDS : [fields];
  };
}

/**
 * Whether each record's decoded messages hold a condition, for a filter over a million frames: as fieldsReader
 * reads them, but a top-level field of a short flat plain JSON object is compared as read from its text (see
 * topLevelFieldReader), neither parsed nor built into fields: over a million frames, parsing is the filter's cost.
 */
export function fieldTester(
  decoding: FrameDecoding | null,
  condition: FieldCondition,
): (chunk: ChunkColumns, index: number) => boolean {
  const texts = valueTexts(condition);
  const fieldsOf = fieldsReader(decoding, condition.path, texts);
  const holdsIn = (chunk: ChunkColumns, index: number) =>
    fieldsOf(chunk, index).some((fields) => fieldHolds(fields, condition));
  const readField =
    (decoding ?? PLAIN_JSON).decoderId === 'json' ? topLevelFieldReader(condition.path) : null;
  if (readField === null) return holdsIn;
  const mayHold = plainJsonMayHold(condition.path, texts);
  return (chunk, index) => {
    const payload = chunk.payload[index];
    if (typeof payload !== 'string' || !mayHold(payload)) return false;
    const value = readField(payload);
    return value === UNSURE ? holdsIn(chunk, index) : valueHolds(value, condition);
  };
}

/**
 * Whether a plain JSON text may hold a field at `path` whose value contains `texts`: it contains the path's last
 * key in quotes and every one of them, or a backslash, which may escape them. Spelled out for one or two parts,
 * since a filter asks it of every frame.
 */
function plainJsonMayHold(path: readonly string[], texts: readonly string[]): (text: string) => boolean {
  const required = [quotedLastKey(path), ...texts].filter((part) => part !== '');
  const [first = '', second = ''] = required;
  if (required.length <= 1) return (text) => text.includes(first) || text.includes('\\');
  if (required.length === 2) {
    return (text) => (text.includes(first) && text.includes(second)) || text.includes('\\');
  }
  return (text) => required.every((part) => text.includes(part)) || text.includes('\\');
}
