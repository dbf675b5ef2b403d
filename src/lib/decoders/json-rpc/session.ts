import type { Direction } from '../../model/frame';
import type { DecodeResult, DecodedMessage, DecoderSession, WireFrame } from '../decoder';
import { jsonRpcMessage } from './message';

/** JSON-RPC may arrive in binary frames as UTF-8 JSON; anything else is not JSON-RPC. */
function frameText(frame: WireFrame): string | undefined {
  if (frame.text !== undefined) return frame.text;
  if (frame.bytes === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(frame.bytes);
  } catch {
    return undefined;
  }
}

/** Decodes one frame: one message, or one for each element of a batch. Each frame stands alone. */
export class JsonRpcSession implements DecoderSession {
  decode(frame: WireFrame): DecodeResult {
    const text = frameText(frame);
    if (text === undefined)
      return { ok: false, error: 'JSON-RPC is JSON text; this frame is binary and not UTF-8' };
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      return { ok: false, error: 'JSON-RPC is JSON; this frame is not valid JSON' };
    }
    if (!Array.isArray(value)) {
      const one = jsonRpcMessage(value, frame.dir);
      return one.ok ? { ok: true, value: [one.value] } : one;
    }
    if (value.length === 0)
      return { ok: false, error: 'An empty batch: JSON-RPC batches hold at least one message' };
    return { ok: true, value: value.map((element, index) => batchElement(element, index, frame.dir)) };
  }
}

/** A bad element of a batch is shown as such; the others still decode. */
function batchElement(element: unknown, index: number, dir: Direction): DecodedMessage {
  const decoded = jsonRpcMessage(element, dir);
  if (decoded.ok) return decoded.value;
  return {
    type: 'invalid',
    summary: `invalid element ${index} of the batch: ${decoded.error}`,
    tree: element,
    fields: { type: 'invalid', error: decoded.error },
  };
}
