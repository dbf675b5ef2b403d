/**
 * ASP.NET Core SignalR hub protocols (dotnet/aspnetcore src/SignalR/docs/specs/HubProtocol.md): JSON (text frames,
 * records ended by 0x1E) and MessagePack (binary frames of VarInt-length-prefixed arrays), after a JSON handshake.
 * A binary frame holding `{…}␞` is the handshake response to a MessagePack client; anything else binary is
 * MessagePack, so frames decode the same in any order or joined midway.
 *
 * The composer's SignalR description is a hub message as the JSON protocol writes it, `type` by number or name:
 * `{"type":1,"target":"SendMessage","arguments":["hi"]}`, `{"type":"CancelInvocation","invocationId":"3"}`,
 * `{"type":6}`, or the handshake `{"protocol":"json","version":1}`. An Invocation or StreamInvocation without an
 * `invocationId` gets one (`"invocationId": null` sends a fire-and-forget Invocation). `"encoding":"messagepack"`
 * writes the MessagePack protocol's binary frame instead.
 *
 * Keep-alive: the JSON handshake on open and a Ping every 15 s (in MessagePack once a binary handshake response
 * says that is the protocol). Pairing: by invocationId (Invocation/StreamInvocation ↔ StreamItems, Completion);
 * the handshake with its response.
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
import { textFieldReader } from '../text-field-reader';
import { hubFields, MESSAGE_TYPES, toDecoded, type HubRecord } from './hub-message';
import { parseJsonRecords, writeJsonRecord } from './json-hub';
import { parseMsgpackMessages, toArray, writeMsgpackMessage } from './msgpack-hub';

function decode(frame: WireFrame): DecodeResult {
  if (frame.text !== undefined) {
    const records = parseJsonRecords(frame.text);
    if (!records.ok) return { ok: false, error: `Not a SignalR JSON hub message: ${records.error}` };
    return { ok: true, value: records.value.map((record) => toDecoded(record, frame.dir, 'json')) };
  }
  const bytes = frame.bytes ?? new Uint8Array();
  const handshake = binaryHandshake(bytes);
  if (handshake)
    return { ok: true, value: handshake.map((record) => toDecoded(record, frame.dir, 'messagepack')) };
  const records = parseMsgpackMessages(bytes);
  if (!records.ok) return { ok: false, error: `Not a SignalR MessagePack hub message: ${records.error}` };
  return { ok: true, value: records.value.map((record) => toDecoded(record, frame.dir, 'messagepack')) };
}

/**
 * For a filter: a text's records' fields are their own members as the text has them, but for the type's name and
 * the handshake's encoding, which are derived. Binary frames are decoded.
 */
function fieldReader(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[] {
  return textFieldReader(query, {
    derived: { type: false, encoding: false },
    fieldsOf(frame) {
      if (frame.text === undefined) {
        const decoded = decode(frame);
        return decoded.ok ? decoded.value.map((message) => message.fields) : [];
      }
      const records = parseJsonRecords(frame.text);
      return records.ok ? records.value.map((record) => hubFields(record, frame.dir, 'json')) : [];
    },
  });
}

/** A MessagePack client's handshake and its response are still JSON with 0x1E, in a binary frame. */
function binaryHandshake(bytes: Uint8Array): HubRecord[] | undefined {
  if (bytes[0] !== 0x7b || bytes[bytes.length - 1] !== 0x1e) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const records = parseJsonRecords(text);
  return records.ok && records.value.every((record) => record['type'] === undefined)
    ? records.value
    : undefined;
}

const TYPE_CODES: Record<string, number> = Object.fromEntries(
  Object.entries(MESSAGE_TYPES).map(([code, name]) => [name.toLowerCase(), Number(code)]),
);

function compose(description: unknown, context: ComposeContext): Result<OutgoingFrame[], string> {
  if (typeof description !== 'object' || description === null || Array.isArray(description)) {
    return {
      ok: false,
      error:
        'a SignalR message is described as a JSON object, e.g. {"type":1,"target":"Send","arguments":[]}',
    };
  }
  const { encoding = 'json', ...given } = description as Record<string, unknown>;
  if (encoding !== 'json' && encoding !== 'messagepack')
    return { ok: false, error: '"encoding" is "json" or "messagepack"' };
  if (given['type'] === undefined) {
    if (typeof given['protocol'] !== 'string')
      return { ok: false, error: 'a message needs a "type"; the handshake a "protocol"' };
    const handshake = writeJsonRecord({ protocol: given['protocol'], version: given['version'] ?? 1 });
    return {
      ok: true,
      value: [encoding === 'json' ? { text: handshake } : { bytes: new TextEncoder().encode(handshake) }],
    };
  }
  const record = recordOf(given, context);
  if (!record.ok) return record;
  if (encoding === 'json') return { ok: true, value: [{ text: writeJsonRecord(record.value) }] };
  const array = toArray(record.value);
  if (!array) return { ok: false, error: `type ${String(record.value['type'])} has no MessagePack form` };
  return { ok: true, value: [{ bytes: writeMsgpackMessage(array) }] };
}

function recordOf(given: Record<string, unknown>, context: ComposeContext): Result<HubRecord, string> {
  const named = given['type'];
  const type = typeof named === 'string' ? TYPE_CODES[named.toLowerCase()] : named;
  if (typeof type !== 'number' || !MESSAGE_TYPES[type]) {
    return { ok: false, error: `"type" must be 1–9 or a name: ${Object.values(MESSAGE_TYPES).join(', ')}` };
  }
  const record: HubRecord = { ...given, type };
  if (type === 1 || type === 4) {
    if (typeof record['target'] !== 'string')
      return { ok: false, error: `${MESSAGE_TYPES[type]} needs a "target" (the hub method)` };
    record['arguments'] ??= [];
    if (!Array.isArray(record['arguments'])) return { ok: false, error: '"arguments" must be an array' };
    if (record['invocationId'] === undefined || (type === 4 && record['invocationId'] === null)) {
      record['invocationId'] = String(context.nextId());
    } else if (record['invocationId'] === null) delete record['invocationId'];
  }
  return { ok: true, value: record };
}

const PING_INTERVAL_MS = 15_000;
const JSON_PING: OutgoingFrame = { text: writeJsonRecord({ type: 6 }) };
/** HubProtocol.md: a MessagePack Ping is always `91 06`, here with its length prefix. */
const MSGPACK_PING: OutgoingFrame = { bytes: new Uint8Array([0x02, 0x91, 0x06]) };

function keepAlive(): KeepAlive {
  let ping = JSON_PING;
  return {
    onOpen: () => [{ text: writeJsonRecord({ protocol: 'json', version: 1 }) }],
    answer(message: DecodedMessage) {
      if (message.type === 'HandshakeResponse')
        ping = message.fields['encoding'] === 'messagepack' ? MSGPACK_PING : JSON_PING;
      return [];
    },
    // Read afresh: a MessagePack handshake response switches the ping to MessagePack.
    get heartbeat() {
      return { intervalMs: PING_INTERVAL_MS, frame: ping };
    },
  };
}

export const decoder: Decoder = {
  id: 'signalr',
  label: 'SignalR',
  start: () => ({ decode, fieldReader }),
  compose,
  keepAlive,
};
