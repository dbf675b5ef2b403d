import type { Result } from '../../result';
import type { ComposeContext, OutgoingFrame } from '../decoder';
import { PacketWriter } from './bytes';
import type { ProtocolLevel } from './packets';

/**
 * The composer's JSON descriptions (ui-contract "Protocols"), each encoded as one packet in one binary frame:
 * `{"type":"connect","clientId":"me","keepalive":60,"clean":true,"username":"u","password":"p"}`,
 * `{"type":"subscribe","topic":"t/#","qos":0}` (`topic` may be a list), `{"type":"publish","topic":"t/1",
 * "payload":"hello","qos":0,"retain":false}` (a payload that is not a string is sent as its JSON),
 * `{"type":"unsubscribe","topic":"t/#"}`, `{"type":"pingreq"}`, `{"type":"disconnect"}`. `"version":5` (or 4, 3)
 * overrides the level the decoder was configured with. Packet identifiers come from the context.
 */
export function composePacket(
  description: unknown,
  context: ComposeContext,
  defaultLevel: ProtocolLevel,
): Result<OutgoingFrame[], string> {
  if (description === null || typeof description !== 'object' || Array.isArray(description)) {
    return {
      ok: false,
      error: 'An MQTT message is an object such as {"type":"publish","topic":"t/1","payload":"hi"}',
    };
  }
  const fields = description as Record<string, unknown>;
  const level = fields.version ?? defaultLevel;
  if (level !== 3 && level !== 4 && level !== 5)
    return { ok: false, error: '"version" is 3, 4 (3.1.1) or 5' };
  const type = typeof fields.type === 'string' ? fields.type.toLowerCase() : '';
  const build = BUILDERS.get(type);
  if (!build) {
    return {
      ok: false,
      error: `"type" is one of ${[...BUILDERS.keys()].join(', ')}; got ${JSON.stringify(fields.type)}`,
    };
  }
  const packet = build(fields, { level, packetId: () => packetIdFrom(context) });
  return typeof packet === 'string' ? { ok: false, error: packet } : { ok: true, value: [{ bytes: packet }] };
}

interface Build {
  level: ProtocolLevel;
  packetId(): number;
}

/** Each builder returns the packet, or a string saying what is wrong with the description. */
type Builder = (fields: Record<string, unknown>, build: Build) => Uint8Array | string;

const BUILDERS = new Map<string, Builder>([
  ['connect', (fields, { level }) => connectPacket({ ...CONNECT_DEFAULTS, ...fields, level })],
  ['subscribe', subscribePacket],
  ['publish', publishPacket],
  ['unsubscribe', unsubscribePacket],
  ['pingreq', () => new PacketWriter().packet(12, 0)],
  ['disconnect', () => new PacketWriter().packet(14, 0)],
]);

/** MQTT 5 packets carry a properties block where 3.1.1 has none; the composer sends it empty. */
const NO_PROPERTIES = 0;

const PROTOCOL_NAMES: Record<ProtocolLevel, string> = { 3: 'MQIsdp', 4: 'MQTT', 5: 'MQTT' };

const CONNECT_DEFAULTS = { clientId: '', keepalive: 60, clean: true };

export function connectPacket(
  fields: Record<string, unknown> & { level: ProtocolLevel },
): Uint8Array | string {
  const { clientId, keepalive, clean, username, password, level } = fields;
  if (typeof clientId !== 'string') return '"clientId" is a string';
  if (!isUint16(keepalive)) return '"keepalive" is a number of seconds from 0 to 65535';
  if (username !== undefined && typeof username !== 'string') return '"username" is a string';
  if (password !== undefined && typeof password !== 'string') return '"password" is a string';
  const flags = (username !== undefined ? 0x80 : 0) | (password !== undefined ? 0x40 : 0) | (clean ? 2 : 0);
  const writer = new PacketWriter().string(PROTOCOL_NAMES[level]).byte(level).byte(flags).uint16(keepalive);
  if (level === 5) writer.byte(NO_PROPERTIES);
  writer.string(clientId);
  if (username !== undefined) writer.string(username);
  if (password !== undefined) writer.string(password);
  return writer.packet(1, 0);
}

function subscribePacket(fields: Record<string, unknown>, { level, packetId }: Build): Uint8Array | string {
  const topics = topicList(fields.topic);
  if (!topics) return '"topic" is a topic filter, or a list of them';
  const qos = fields.qos ?? 0;
  if (!isQos(qos)) return '"qos" is 0, 1 or 2';
  const writer = new PacketWriter().uint16(packetId());
  if (level === 5) writer.byte(NO_PROPERTIES);
  for (const topic of topics) writer.string(topic).byte(qos);
  return writer.packet(8, 2);
}

function unsubscribePacket(fields: Record<string, unknown>, { level, packetId }: Build): Uint8Array | string {
  const topics = topicList(fields.topic);
  if (!topics) return '"topic" is a topic filter, or a list of them';
  const writer = new PacketWriter().uint16(packetId());
  if (level === 5) writer.byte(NO_PROPERTIES);
  for (const topic of topics) writer.string(topic);
  return writer.packet(10, 2);
}

const encoder = new TextEncoder();

function publishPacket(fields: Record<string, unknown>, { level, packetId }: Build): Uint8Array | string {
  const { topic, payload = '', retain = false } = fields;
  const qos = fields.qos ?? 0;
  if (typeof topic !== 'string' || topic === '') return '"topic" is a topic name';
  if (!isQos(qos)) return '"qos" is 0, 1 or 2';
  const writer = new PacketWriter().string(topic);
  if (qos > 0) writer.uint16(packetId());
  if (level === 5) writer.byte(NO_PROPERTIES);
  writer.raw(encoder.encode(typeof payload === 'string' ? payload : JSON.stringify(payload)));
  return writer.packet(3, (qos << 1) | (retain === true ? 1 : 0));
}

function topicList(topic: unknown): string[] | undefined {
  const topics = Array.isArray(topic) ? (topic as unknown[]) : [topic];
  if (topics.length === 0 || !topics.every((item) => typeof item === 'string' && item !== ''))
    return undefined;
  return topics as string[];
}

function isQos(value: unknown): value is 0 | 1 | 2 {
  return value === 0 || value === 1 || value === 2;
}

function isUint16(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffff;
}

/** Packet identifiers run from 1 to 65535 (0 is not one); the context's counter wraps into that range. */
function packetIdFrom(context: ComposeContext): number {
  return ((((context.nextId() - 1) % 0xffff) + 0xffff) % 0xffff) + 1;
}
