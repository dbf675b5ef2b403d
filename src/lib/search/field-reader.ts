import { decodeJsonFrame, jsonFieldsOf } from '../decoders/json/index';
import type { ChunkColumns } from '../record/chunk';
import { quotedLastKey } from './field-condition';
import type { FrameDecoding } from './frame-decoding';
import { messagesAt, wireFrameAt } from './frame-decoding';

/** Without a decoder, a field condition still reads plain JSON, as it always has. */
const PLAIN_JSON: FrameDecoding = { decoderId: 'json', label: 'JSON', session: { decode: decodeJsonFrame } };

const NO_FIELDS: readonly unknown[] = [];

/**
 * Reads the fields of each frame's decoded messages for a condition on `path` whose value must contain `texts`
 * (see valueTexts). With plain JSON, a text that does not contain the path's last key in quotes and every one of
 * `texts` cannot hold the condition and is not parsed, unless it holds a backslash, which may escape them: over a
 * million frames, parsing is the whole cost of the filter. A decoder that has a fieldReader skips frames the same
 * way, in its own wire format; any other decodes every frame.
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
  const required = [quotedLastKey(path), ...texts];
  const holdsAll = (text: string) => required.every((part) => text.includes(part));
  return (chunk, index) => {
    const payload = chunk.payload[index];
    if (typeof payload !== 'string' || !(holdsAll(payload) || payload.includes('\\'))) return NO_FIELDS;
    const fields = jsonFieldsOf(payload);
    return fields === undefined ? NO_FIELDS : [fields];
  };
}
