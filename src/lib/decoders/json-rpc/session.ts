import type { Result } from '../../result';
import type { DecodeResult, DecoderSession, FieldQuery, WireFrame } from '../decoder';
import { shownExcept, textFieldReader, type TextFields } from '../text-field-reader';
import { jsonRpcFields, jsonRpcMessage } from './message';

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
    return readFrame(
      frame,
      (value) => jsonRpcMessage(value, frame.dir),
      (element, index, error) => ({
        type: 'invalid',
        summary: `invalid element ${index} of the batch: ${error}`,
        tree: element,
        fields: invalidFields(error),
      }),
    );
  }

  fieldReader(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[] {
    return textFieldReader(query, { derived: DERIVED, fieldsOf: fieldsOfFrame });
  }
}

/**
 * A frame's JSON: one object, read by `one`, or a batch, each element read by `one` but for a bad one, which is
 * shown as such by `invalid` while the others still decode.
 */
function readFrame<T>(
  frame: WireFrame,
  one: (value: unknown) => Result<T>,
  invalid: (element: unknown, index: number, error: string) => T,
): Result<T[]> {
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
    const read = one(value);
    return read.ok ? { ok: true, value: [read.value] } : read;
  }
  if (value.length === 0)
    return { ok: false, error: 'An empty batch: JSON-RPC batches hold at least one message' };
  return {
    ok: true,
    value: value.map((element, index) => {
      const read = one(element);
      return read.ok ? read.value : invalid(element, index, read.error);
    }),
  };
}

const invalidFields = (error: string) => ({ type: 'invalid', error });

/** The fields of a frame's messages, as decoding it gives them, without building the messages. */
function fieldsOfFrame(frame: WireFrame): readonly Record<string, unknown>[] {
  const read = readFrame(frame, jsonRpcFields, (_element, _index, error) => invalidFields(error));
  return read.ok ? read.value : [];
}

/**
 * The fields decoding computes: every other is the message's own member, as the text has it. The type is the
 * method or the `result` or `error` member named, or `invalid`; the kind is one of those members or a request or a
 * notification; the subscription is `params.subscription`, a number's maybe written otherwise (`1e3`); `error` is
 * an invalid batch element's reason, though what is under it is the message's own.
 */
const DERIVED: TextFields['derived'] = {
  type: shownExcept('invalid'),
  kind: shownExcept('request', 'notification'),
  subscription: ({ texts }) => texts.some((part) => !NUMBER_TEXT.test(part)),
  error: ({ path }) => path.length > 1,
};

/** What String() of a number may contain. */
const NUMBER_TEXT = /^[-+.0-9eInfity]*$/;
