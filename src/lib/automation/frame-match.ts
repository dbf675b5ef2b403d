import type { WireFrame } from '../decoders/decoder';
import { jsonFieldsOf } from '../decoders/json/index';
import type { MessageRecord } from '../model/frame';
import type { FrameToMatch } from './when';

/** What a field condition reads in a frame: the fields of its decoded messages. */
export type FieldsDecoder = (frame: WireFrame) => readonly unknown[];

/** Without a protocol's decoder, a field condition reads plain JSON, as More filters does. */
export const plainJsonFields: FieldsDecoder = (frame) => {
  const fields = frame.text === undefined ? undefined : jsonFieldsOf(frame.text);
  return fields === undefined ? [] : [fields];
};

/** A received message as conditions see it: decoded at most once, and only if a condition asks. */
export function frameToMatch(record: MessageRecord, decode: FieldsDecoder): FrameToMatch {
  const wire: WireFrame =
    record.kind === 'text'
      ? { dir: record.dir, text: record.text }
      : { dir: record.dir, bytes: record.bytes };
  let fields: readonly unknown[] | undefined;
  return {
    ...(record.kind === 'text' ? { text: record.text } : {}),
    fields: () => (fields ??= decode(wire)),
  };
}

/** A key that tells one payload from another, for noticing a frame that echoes a reply. */
export function payloadKey(record: MessageRecord): string {
  if (record.kind === 'text') return `t${record.text}`;
  const head = Array.from(record.bytes.subarray(0, 64), (byte) => byte.toString(16).padStart(2, '0'));
  return `b${record.size}:${head.join('')}`;
}
