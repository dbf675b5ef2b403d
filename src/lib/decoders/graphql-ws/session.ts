import type { DecodeResult, DecoderSession, FieldQuery, WireFrame } from '../decoder';
import type { Result } from '../../result';
import { textFieldReader } from '../text-field-reader';
import { graphqlFields, graphqlMessage } from './message';

/** Each frame is one JSON message and stands alone, so frames decode the same in any order. */
export class GraphqlSession implements DecoderSession {
  decode(frame: WireFrame): DecodeResult {
    const message = readFrame(frame, (value) => graphqlMessage(value, frame.dir));
    return message.ok ? { ok: true, value: [message.value] } : message;
  }

  /** Every field is the message's own or its payload's, as the text has it: none is derived. */
  fieldReader(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[] {
    return textFieldReader(query, {
      fieldsOf: (frame) => {
        const fields = readFrame(frame, graphqlFields);
        return fields.ok ? [fields.value] : [];
      },
    });
  }
}

function readFrame<T>(frame: WireFrame, read: (value: unknown) => Result<T>): Result<T> {
  if (frame.text === undefined)
    return { ok: false, error: 'GraphQL over WebSocket sends text frames; this one is binary' };
  let value: unknown;
  try {
    value = JSON.parse(frame.text) as unknown;
  } catch {
    return { ok: false, error: 'GraphQL over WebSocket messages are JSON; this frame is not valid JSON' };
  }
  return read(value);
}
