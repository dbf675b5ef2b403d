/**
 * Phoenix Channels, serializer v2 (`…/websocket?vsn=2.0.0`); v1 objects and v2 binary messages decode too.
 * Type = event (`phx_join`, `phx_reply`, an app event), key = topic. Pairing: a message with a `ref` is a request,
 * the `phx_reply` with the same ref its reply. Heartbeats (topic `phoenix`) and their replies are control.
 *
 * The composer's Phoenix description: `{"topic":"room:lobby","event":"phx_join","payload":{}}`; a ref is assigned,
 * a `phx_join`'s join_ref is its own ref, other events take `"join_ref"` if given (the channel's join ref).
 *
 * Keep-alive: none on open (joining a topic is the app's choice); `[null,ref,"phoenix","heartbeat",{}]` every 30 s.
 */
import type { Result } from '../../result';
import type {
  ComposeContext,
  DecodedMessage,
  DecodeResult,
  Decoder,
  FieldQuery,
  KeepAlive,
  OutgoingFrame,
  WireFrame,
} from '../decoder';
import { shownExcept, textFieldReader } from '../text-field-reader';
import { parseBinary, parseText, type PhoenixMessage } from './serializer';

const PREVIEW_LENGTH = 100;

function decode(frame: WireFrame): DecodeResult {
  const parsed =
    frame.text !== undefined ? parseText(frame.text) : parseBinary(frame.bytes ?? new Uint8Array());
  if (!parsed.ok) return { ok: false, error: `Not a Phoenix message: ${parsed.error}` };
  return { ok: true, value: [toDecoded(parsed.value)] };
}

/**
 * For a filter: every field is the message's own, as the text has it, but for a v1 object's missing refs, which
 * read as null. A binary message is decoded.
 */
function fieldReader(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[] {
  return textFieldReader(query, {
    derived: { join_ref: shownExcept('null'), ref: shownExcept('null') },
    fieldsOf(frame) {
      if (frame.text === undefined) {
        const decoded = decode(frame);
        return decoded.ok ? decoded.value.map((message) => message.fields) : [];
      }
      const parsed = parseText(frame.text);
      return parsed.ok ? [fieldsOf(parsed.value)] : [];
    },
  });
}

/** A phx_reply's payload, `{status, response}`; else nothing. */
function replyOf({ event, payload }: PhoenixMessage): Record<string, unknown> {
  const isReply = event === 'phx_reply' && typeof payload === 'object' && payload !== null;
  return isReply ? (payload as Record<string, unknown>) : {};
}

function fieldsOf(message: PhoenixMessage): Record<string, unknown> {
  const { joinRef, ref, topic, event, payload } = message;
  const reply = replyOf(message);
  const status = typeof reply['status'] === 'string' ? reply['status'] : undefined;
  return {
    join_ref: joinRef,
    ref,
    topic,
    event,
    type: event,
    payload,
    ...(status === undefined ? {} : { status, response: reply['response'] }),
  };
}

function toDecoded(message: PhoenixMessage): DecodedMessage {
  const { ref, topic, event, payload } = message;
  const isReply = event === 'phx_reply';
  const fields = fieldsOf(message);
  const status = fields['status'] as string | undefined;
  const shown = isReply ? replyOf(message)['response'] : payload;
  const preview = shown === undefined ? '' : (JSON.stringify(shown) ?? '');
  const decoded: DecodedMessage = {
    type: event,
    key: topic,
    summary: [
      event,
      topic,
      status,
      preview.length > PREVIEW_LENGTH ? `${preview.slice(0, PREVIEW_LENGTH)}…` : preview,
    ]
      .filter(Boolean)
      .join(' '),
    tree: { join_ref: message.joinRef, ref, topic, event, payload },
    fields,
  };
  if (topic === 'phoenix') decoded.control = true;
  if (ref !== null)
    decoded.pairing = isReply
      ? { key: `ref:${ref}`, role: 'reply', final: true }
      : { key: `ref:${ref}`, role: 'request' };
  return decoded;
}

function compose(description: unknown, context: ComposeContext): Result<OutgoingFrame[], string> {
  if (typeof description !== 'object' || description === null || Array.isArray(description)) {
    return { ok: false, error: 'a Phoenix message is described as {"topic":…,"event":…,"payload":{…}}' };
  }
  const { topic, event, payload = {}, join_ref: joinRef = null } = description as Record<string, unknown>;
  if (typeof topic !== 'string' || typeof event !== 'string')
    return { ok: false, error: '"topic" and "event" must be strings' };
  if (joinRef !== null && typeof joinRef !== 'string')
    return { ok: false, error: '"join_ref" must be a string' };
  const ref = String(context.nextId());
  return {
    ok: true,
    value: [{ text: JSON.stringify([event === 'phx_join' ? ref : joinRef, ref, topic, event, payload]) }],
  };
}

const HEARTBEAT_MS = 30_000;

function keepAlive(): KeepAlive {
  let beats = 0;
  return {
    onOpen: () => [],
    answer: () => [],
    // A fresh ref for each beat, as phoenix.js sends: read it once per beat.
    get heartbeat() {
      beats += 1;
      return {
        intervalMs: HEARTBEAT_MS,
        frame: { text: JSON.stringify([null, `hb-${beats}`, 'phoenix', 'heartbeat', {}]) },
      };
    },
  };
}

export const decoder: Decoder = {
  id: 'phoenix',
  label: 'Phoenix',
  start: () => ({ decode, fieldReader }),
  compose,
  keepAlive,
};
