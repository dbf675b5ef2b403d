/**
 * WAMP v2 (wamp-proto `rfc/`) in its JSON, MessagePack and CBOR serializers, batched or not (see serializers.ts).
 * Each message is named by its code (HELLO … YIELD, 24 of them) with its fields named (messages.ts). Pairing by
 * request id: CALL↔RESULT/ERROR, SUBSCRIBE↔SUBSCRIBED, INVOCATION↔YIELD… (a progressive RESULT or YIELD is not the
 * last); HELLO↔WELCOME/ABORT. HELLO, WELCOME, CHALLENGE and AUTHENTICATE are control.
 *
 * The composer's WAMP description: the message's fields by name, its type by name or code:
 * `{"type":"CALL","procedure":"com.myapp.add2","arguments":[23,7]}`, `{"type":"SUBSCRIBE","topic":"com.myapp.t"}`.
 * A missing request id is assigned, missing `details`/`options`/`extra` are `{}`; a raw array `[48,1,{},"p"]` is
 * sent as it is. The serializer follows `"encoding":"json"|"msgpack"|"cbor"` (JSON when not given) and
 * `"batched":true`.
 *
 * Keep-alive: HELLO on open (realm from the URL's `realm` query parameter, else `realm1`; all four client roles) in
 * the negotiated serializer; a GOODBYE from the router is answered with GOODBYE `wamp.close.goodbye_and_out`, as
 * the spec requires. WAMP has no heartbeat.
 */
import type { Result } from '../../result';
import type {
  ComposeContext,
  ConnectionFacts,
  DecodedMessage,
  DecodeResult,
  Decoder,
  FieldQuery,
  KeepAlive,
  OutgoingFrame,
  WireFrame,
} from '../decoder';
import { textFieldReader } from '../text-field-reader';
import { MESSAGE_FIELDS, toDecoded, wampFields } from './messages';
import { framingOf, readMessages, writeMessage, type Framing, type Serializer } from './serializers';

function start(facts: ConnectionFacts) {
  const framing = framingOf(facts.protocol);
  return {
    decode(frame: WireFrame): DecodeResult {
      const values = readMessages(frame, framing);
      if (!values.ok) return { ok: false, error: `Not a WAMP message: ${values.error}` };
      const messages: DecodedMessage[] = [];
      for (const value of values.value) {
        if (!Array.isArray(value))
          return { ok: false, error: 'Not a WAMP message: a message is an array [code, …]' };
        const decoded = toDecoded(value);
        if (typeof decoded === 'string') return { ok: false, error: `Not a WAMP message: ${decoded}` };
        messages.push(decoded);
      }
      return { ok: true, value: messages };
    },
    /** Every field is the message's own, as a JSON text has it, but for the type's name. */
    fieldReader(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[] {
      return textFieldReader(query, {
        derived: { type: false },
        fieldsOf(frame) {
          const values = readMessages(frame, framing);
          if (!values.ok) return [];
          const fields = values.value.map((value) => (Array.isArray(value) ? wampFields(value) : ''));
          // As decoding: one message that is no WAMP message makes the frame an error.
          return fields.every((one): one is Record<string, unknown> => typeof one !== 'string') ? fields : [];
        },
      });
    },
  };
}

const CODES: Record<string, number> = Object.fromEntries(
  Object.entries(MESSAGE_FIELDS).map(([code, [name]]) => [name, Number(code)]),
);
const EMPTY_DICTS = new Set(['details', 'options', 'extra']);

function compose(description: unknown, context: ComposeContext): Result<OutgoingFrame[], string> {
  if (Array.isArray(description))
    return { ok: true, value: [writeMessage(description, { serializer: 'json', batched: false })] };
  if (typeof description !== 'object' || description === null) {
    return {
      ok: false,
      error: 'a WAMP message is described as {"type":"CALL","procedure":…,"arguments":[…]}',
    };
  }
  const {
    type: given,
    encoding = 'json',
    batched = false,
    ...fields
  } = description as Record<string, unknown>;
  if (encoding !== 'json' && encoding !== 'msgpack' && encoding !== 'cbor')
    return { ok: false, error: '"encoding" is "json", "msgpack" or "cbor"' };
  const code = typeof given === 'string' ? CODES[given.toUpperCase()] : given;
  const known = typeof code === 'number' ? MESSAGE_FIELDS[code] : undefined;
  if (!known || typeof code !== 'number')
    return {
      ok: false,
      error: `"type" must be a WAMP message name or code: ${Object.keys(CODES).join(', ')}`,
    };
  const [name, names] = known;
  const message: unknown[] = [code];
  for (const field of names) {
    if (field === 'arguments' && fields['arguments'] === undefined && fields['argumentsKw'] === undefined)
      break;
    if (field === 'argumentsKw' && fields['argumentsKw'] === undefined) break;
    const value =
      fields[field] ??
      (field === 'request'
        ? context.nextId() + 1
        : EMPTY_DICTS.has(field)
          ? {}
          : field === 'arguments'
            ? []
            : undefined);
    if (value === undefined) return { ok: false, error: `${name} needs "${field}"` };
    message.push(value);
  }
  return {
    ok: true,
    value: [writeMessage(message, { serializer: encoding as Serializer, batched: batched === true })],
  };
}

const CLIENT_ROLES = { caller: {}, callee: {}, publisher: {}, subscriber: {} };
const GOODBYE_AND_OUT = 'wamp.close.goodbye_and_out';

function keepAlive(facts: ConnectionFacts): KeepAlive {
  const framing: Framing = framingOf(facts.protocol);
  return {
    onOpen: () => [writeMessage([1, realmOf(facts.url), { roles: CLIENT_ROLES }], framing)],
    answer: (message) =>
      message.type === 'GOODBYE' && message.fields['reason'] !== GOODBYE_AND_OUT
        ? [writeMessage([6, {}, GOODBYE_AND_OUT], framing)]
        : [],
  };
}

function realmOf(url: string): string {
  try {
    return new URL(url).searchParams.get('realm') ?? 'realm1';
  } catch {
    return 'realm1';
  }
}

export const decoder: Decoder = {
  id: 'wamp',
  label: 'WAMP',
  start,
  compose,
  keepAlive,
};
