/**
 * Action Cable (`actioncable-v1-json`, rails actioncable `connection.js`/`subscriptions.js`). The server sends
 * `{"type":"welcome"|"ping"|"confirm_subscription"|"reject_subscription"|"disconnect",…}` and broadcasts
 * `{"identifier":"…","message":{…}}`; the client sends `{"command":"subscribe"|"unsubscribe"|"message",
 * "identifier":"…","data":"…"}`. `identifier` and `data` are JSON held in strings: both are parsed again, and a filter
 * reads into them (`identifier.channel = ChatChannel`, `data.action = speak`). Type = `type`, `command` or `message`
 * (a broadcast); key = the identifier's channel. Pairing by identifier: a subscribe, then its confirm or reject and
 * the broadcasts that follow. welcome and ping are control.
 *
 * The composer's description: `{"command":"subscribe","identifier":{"channel":"ChatChannel"}}` or
 * `{"command":"message","identifier":{…},"data":{"action":"speak","text":"hi"}}`; objects become the JSON strings
 * Action Cable expects (a string is sent as it is).
 *
 * Keep-alive: nothing to send; the server's pings (every 3 s) need no answer.
 */
import type { Result } from '../../result';
import type {
  DecodedMessage,
  DecodeResult,
  Decoder,
  FieldQuery,
  KeepAlive,
  OutgoingFrame,
  Pairing,
  WireFrame,
} from '../decoder';
import { withFields } from '../json-copy';
import { textFieldReader } from '../text-field-reader';

const PREVIEW_LENGTH = 100;
const CONTROL_TYPES = new Set(['welcome', 'ping']);

/** A message read: its record, type, the identifier as written and as parsed, its tree and its fields. */
interface Reading {
  record: Record<string, unknown>;
  type: string;
  rawIdentifier: string | undefined;
  data: unknown;
  channel: string | undefined;
  tree: Record<string, unknown>;
  fields: Record<string, unknown>;
}

function read(frame: WireFrame): Result<Reading, string> {
  if (frame.text === undefined)
    return { ok: false, error: 'Not an Action Cable message: actioncable-v1-json is text' };
  const value = parseJson(frame.text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'Not an Action Cable message: a JSON object is expected' };
  }
  const record = value as Record<string, unknown>;
  const type =
    typeof record['type'] === 'string'
      ? record['type']
      : typeof record['command'] === 'string'
        ? record['command']
        : record['message'] !== undefined
          ? 'message'
          : undefined;
  if (type === undefined)
    return { ok: false, error: 'Not an Action Cable message: no "type", "command" or broadcast "message"' };
  const rawIdentifier = typeof record['identifier'] === 'string' ? record['identifier'] : undefined;
  const identifier = rawIdentifier === undefined ? undefined : (parseJson(rawIdentifier) ?? rawIdentifier);
  const data =
    typeof record['data'] === 'string' ? (parseJson(record['data']) ?? record['data']) : record['data'];
  const channel = channelOf(identifier);
  const tree = withFields(record, {
    ...(identifier === undefined ? {} : { identifier }),
    ...(data === undefined ? {} : { data }),
  });
  const fields = withFields(tree, { type, ...(channel === undefined ? {} : { channel }) });
  return { ok: true, value: { record, type, rawIdentifier, data, channel, tree, fields } };
}

function decode(frame: WireFrame): DecodeResult {
  const reading = read(frame);
  if (!reading.ok) return reading;
  const { record, type, rawIdentifier, data, channel, tree, fields } = reading.value;
  const shown = record['message'] ?? data ?? record['reason'];
  const preview =
    type === 'ping' || shown === undefined
      ? ''
      : clip(typeof shown === 'string' ? shown : JSON.stringify(shown));
  const message: DecodedMessage = {
    type,
    summary: [type, channel, preview].filter(Boolean).join(' '),
    tree,
    fields,
  };
  if (channel !== undefined) message.key = channel;
  if (CONTROL_TYPES.has(type)) message.control = true;
  const isBroadcast = record['type'] === undefined && record['command'] === undefined;
  const pairing = rawIdentifier === undefined ? undefined : pairingOf(type, isBroadcast, rawIdentifier);
  if (pairing) message.pairing = pairing;
  return { ok: true, value: [message] };
}

/**
 * For a filter: every field is written in the text, the identifier's and data's too, JSON held in strings, whose
 * escaped quotes hide nothing else (see textFieldReader); a broadcast's type, `message`, is its member's name.
 */
function fieldReader(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[] {
  return textFieldReader(query, {
    fieldsOf: (frame) => {
      const reading = read(frame);
      return reading.ok ? [reading.value.fields] : [];
    },
  });
}

/** The server echoes the identifier string as the client wrote it, so the string itself is the key. */
function pairingOf(type: string, isBroadcast: boolean, identifier: string): Pairing | undefined {
  const key = `identifier:${identifier}`;
  if (type === 'subscribe') return { key, role: 'request' };
  if (type === 'reject_subscription') return { key, role: 'reply', final: true };
  if (type === 'confirm_subscription' || isBroadcast) return { key, role: 'reply', final: false };
  return undefined;
}

function channelOf(identifier: unknown): string | undefined {
  if (
    typeof identifier === 'object' &&
    identifier !== null &&
    typeof (identifier as Record<string, unknown>)['channel'] === 'string'
  ) {
    return (identifier as Record<string, string>)['channel'];
  }
  return typeof identifier === 'string' ? identifier : undefined;
}

function compose(description: unknown): Result<OutgoingFrame[], string> {
  if (typeof description !== 'object' || description === null || Array.isArray(description)) {
    return {
      ok: false,
      error: 'an Action Cable command is described as {"command":…,"identifier":{…},"data":{…}}',
    };
  }
  const { command, identifier, data } = description as Record<string, unknown>;
  if (command !== 'subscribe' && command !== 'unsubscribe' && command !== 'message') {
    return { ok: false, error: '"command" is "subscribe", "unsubscribe" or "message"' };
  }
  if (identifier === undefined)
    return { ok: false, error: `${command} needs an "identifier", e.g. {"channel":"ChatChannel"}` };
  const asString = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  const message: Record<string, string> = { command, identifier: asString(identifier) };
  if (data !== undefined) message['data'] = asString(data);
  else if (command === 'message')
    return { ok: false, error: 'a message needs "data", e.g. {"action":"speak"}' };
  return { ok: true, value: [{ text: JSON.stringify(message) }] };
}

function keepAlive(): KeepAlive {
  return { onOpen: () => [], answer: () => [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function clip(text: string): string {
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}

export const decoder: Decoder = {
  id: 'action-cable',
  label: 'Action Cable',
  start: () => ({ decode, fieldReader }),
  compose,
  keepAlive,
};
