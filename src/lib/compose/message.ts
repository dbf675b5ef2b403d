import type { Result } from '../result';
import { parseBase64 } from '../encoding/base64';
import { parseHex } from '../encoding/hex';
import { describeJsonError, parseJson } from '../encoding/json';

export const MESSAGE_FORMATS = ['text', 'json', 'hex', 'base64'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

export const MESSAGE_FORMAT_LABELS: Record<MessageFormat, string> = {
  text: 'Text',
  json: 'JSON',
  hex: 'Hex',
  base64: 'Base64',
};

/** A message as a person, a profile or a rule writes it: variables still in braces, in one of the plain formats. */
export interface ComposedMessage {
  body: string;
  format: MessageFormat;
}

export type OutgoingPayload = { kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array };

/**
 * Turns what the person typed into what goes on the wire. Text and JSON go as one text message (JSON exactly as
 * typed, once it parses); Hex and Base64 go as one binary message.
 */
export function encodeMessage(body: string, format: MessageFormat): Result<OutgoingPayload> {
  switch (format) {
    case 'text':
      return { ok: true, value: { kind: 'text', text: body } };
    case 'json': {
      const parsed = parseJson(body);
      return parsed.ok
        ? { ok: true, value: { kind: 'text', text: body } }
        : { ok: false, error: `Invalid JSON. ${describeJsonError(parsed.error)}` };
    }
    case 'hex':
    case 'base64': {
      const parsed = format === 'hex' ? parseHex(body) : parseBase64(body);
      return parsed.ok ? { ok: true, value: { kind: 'binary', bytes: parsed.value } } : parsed;
    }
  }
}

/**
 * The composer's protocol formats, in the Message format list after the plain ones: the decoder that encodes each
 * (its id in the decoder registry) and the option's name (docs/ui-contract.md). Each takes a JSON description of
 * the message, e.g. Socket.IO's `{"event":"chat","args":["hi"],"ack":true}`. Protobuf is not here: without a
 * chosen message type it has nothing to encode into.
 */
export const PROTOCOL_FORMATS = [
  { id: 'socket-io', label: 'Socket.IO' },
  { id: 'mqtt', label: 'MQTT' },
  { id: 'stomp', label: 'STOMP' },
  { id: 'graphql-ws', label: 'GraphQL' },
  { id: 'json-rpc', label: 'JSON-RPC' },
  { id: 'signalr', label: 'SignalR' },
  { id: 'wamp', label: 'WAMP' },
  { id: 'phoenix', label: 'Phoenix' },
  { id: 'action-cable', label: 'Action Cable' },
  { id: 'sockjs', label: 'SockJS' },
  { id: 'msgpack', label: 'MessagePack' },
  { id: 'cbor', label: 'CBOR' },
] as const;
export type ProtocolFormat = (typeof PROTOCOL_FORMATS)[number]['id'];
/** What the composer's Message format combobox holds: a plain format or a protocol's. */
export type ComposerFormat = MessageFormat | ProtocolFormat;

export function isProtocolFormat(format: ComposerFormat): format is ProtocolFormat {
  return PROTOCOL_FORMATS.some((entry) => entry.id === format);
}

export function composerFormatLabel(format: ComposerFormat): string {
  return isProtocolFormat(format)
    ? (PROTOCOL_FORMATS.find((entry) => entry.id === format)?.label ?? format)
    : MESSAGE_FORMAT_LABELS[format];
}

/**
 * What a protocol format needs of its decoder, named by shape so compose/ stays below decoders/: the decoder's
 * compose() and its name.
 */
export interface DescriptionEncoder<Context> {
  label: string;
  compose?(
    description: unknown,
    context: Context,
  ): Result<readonly ({ text: string } | { bytes: Uint8Array })[]>;
}

/**
 * Encodes a protocol format's JSON description (variables already filled in) into the frames to send. Without its
 * decoder (still loading) only the JSON is checked, and nothing is encoded yet.
 */
export function encodeDescription<Context>(
  body: string,
  encoder: DescriptionEncoder<Context> | undefined,
  context: Context,
): Result<OutgoingPayload[]> {
  const parsed = parseJson(body);
  if (!parsed.ok) return { ok: false, error: `Invalid JSON description. ${describeJsonError(parsed.error)}` };
  if (encoder === undefined) return { ok: true, value: [] };
  if (encoder.compose === undefined) return { ok: false, error: `${encoder.label} cannot compose messages` };
  const frames = encoder.compose(parsed.value, context);
  if (!frames.ok) return frames;
  return {
    ok: true,
    value: frames.value.map((frame) =>
      'text' in frame ? { kind: 'text', text: frame.text } : { kind: 'binary', bytes: frame.bytes },
    ),
  };
}
