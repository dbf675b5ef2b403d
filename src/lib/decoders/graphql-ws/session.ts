import type { DecodeResult, DecoderSession, WireFrame } from '../decoder';
import { graphqlMessage } from './message';

/** Each frame is one JSON message and stands alone, so frames decode the same in any order. */
export class GraphqlSession implements DecoderSession {
  decode(frame: WireFrame): DecodeResult {
    if (frame.text === undefined)
      return { ok: false, error: 'GraphQL over WebSocket sends text frames; this one is binary' };
    let value: unknown;
    try {
      value = JSON.parse(frame.text) as unknown;
    } catch {
      return { ok: false, error: 'GraphQL over WebSocket messages are JSON; this frame is not valid JSON' };
    }
    const message = graphqlMessage(value, frame.dir);
    return message.ok ? { ok: true, value: [message.value] } : message;
  }
}
