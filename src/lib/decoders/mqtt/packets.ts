import { bytesTree } from '../value-tree/tree';
import { MalformedPacket, PacketReader, printableText } from './bytes';
import { readProperties } from './properties';
import { connectReturnCodeName, reasonCodeName, subackReturnCodeName } from './reason-codes';

/** Control packet types (MQTT 5 §2.1.2; 1–14 also 3.1.1), indexed by their number. */
export const PACKET_TYPES = [
  'Reserved',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;

/** The protocol level byte of CONNECT: 3 for MQTT 3.1, 4 for 3.1.1, 5 for 5.0. */
export type ProtocolLevel = 3 | 4 | 5;

/** One packet as the Decoded tree shows it: `type` is the packet type's name, the rest its fields by name. */
export type PacketTree = Record<string, unknown> & { type: string };

/** Packets whose fixed header flags are fixed: 0010 for these three, 0000 for all but PUBLISH. */
const FLAGS_0010 = new Set([6, 8, 10]);

/** Reads one packet's variable header and payload. Throws MalformedPacket when the bytes break the spec. */
export function readPacket(first: number, body: Uint8Array, level: ProtocolLevel): PacketTree {
  const typeNumber = first >> 4;
  const flags = first & 0x0f;
  const type = PACKET_TYPES[typeNumber] as string;
  if (typeNumber === 0) throw new MalformedPacket('packet type 0 is reserved');
  if (typeNumber === 15 && level !== 5) throw new MalformedPacket('AUTH exists only in MQTT 5');
  if (typeNumber !== 3 && flags !== (FLAGS_0010.has(typeNumber) ? 2 : 0)) {
    throw new MalformedPacket(
      `${type}: fixed header flags must be ${FLAGS_0010.has(typeNumber) ? '0010' : '0000'}`,
    );
  }
  const reader = new PacketReader(body, type);
  const tree = readBody(typeNumber, flags, reader, level);
  if (reader.remaining > 0) reader.fail(`${reader.remaining} bytes left over after the packet's fields`);
  return { type, ...tree };
}

type Body = Record<string, unknown>;

function readBody(typeNumber: number, flags: number, reader: PacketReader, level: ProtocolLevel): Body {
  const v5 = level === 5;
  switch (typeNumber) {
    case 1:
      return readConnect(reader);
    case 2: {
      const sessionPresent = (reader.byte('acknowledge flags') & 1) === 1;
      const code = reader.byte(v5 ? 'reason code' : 'return code');
      return v5
        ? { sessionPresent, reasonCode: code, reason: reasonCodeName(code), ...propertiesOf(reader) }
        : { sessionPresent, returnCode: code, reason: connectReturnCodeName(code) };
    }
    case 3:
      return readPublish(flags, reader, v5);
    case 4:
    case 5:
    case 6:
    case 7:
      return { packetId: reader.uint16('packet identifier'), ...(v5 && optionalReason(reader)) };
    case 8:
      return readSubscribe(reader, v5);
    case 9:
    case 11: {
      const packetId = reader.uint16('packet identifier');
      const properties = v5 ? propertiesOf(reader) : {};
      if (typeNumber === 11 && !v5) return { packetId };
      const codes = [...reader.rest()];
      if (!v5 && codes.some((code) => code > 2 && code !== 0x80))
        reader.fail('a return code is none of 0, 1, 2, 0x80');
      const name = v5 ? reasonCodeName : subackReturnCodeName;
      return {
        packetId,
        ...properties,
        [v5 ? 'reasonCodes' : 'returnCodes']: codes,
        reasons: codes.map(name),
      };
    }
    case 10: {
      const packetId = reader.uint16('packet identifier');
      const properties = v5 ? propertiesOf(reader) : {};
      const topics: string[] = [];
      do topics.push(reader.string('topic filter'));
      while (reader.remaining > 0);
      return { packetId, ...properties, topics };
    }
    case 12:
    case 13:
      return {};
    default:
      // DISCONNECT (14) and AUTH (15): MQTT 5 adds an optional reason code and properties.
      return v5 ? optionalReason(reader) : {};
  }
}

function propertiesOf(reader: PacketReader): Body {
  const properties = readProperties(reader);
  return Object.keys(properties).length > 0 ? { properties } : {};
}

/** MQTT 5 acknowledgements, DISCONNECT and AUTH may stop before their reason code (Success) or properties. */
function optionalReason(reader: PacketReader): Body {
  if (reader.remaining === 0) return {};
  const reasonCode = reader.byte('reason code');
  return {
    reasonCode,
    reason: reasonCodeName(reasonCode),
    ...(reader.remaining > 0 && propertiesOf(reader)),
  };
}

function readConnect(reader: PacketReader): Body {
  const protocolName = reader.string('protocol name');
  const protocolLevel = reader.byte('protocol level');
  if (protocolLevel !== 3 && protocolLevel !== 4 && protocolLevel !== 5) {
    reader.fail(`protocol level ${protocolLevel} is none of 3 (MQTT 3.1), 4 (3.1.1) and 5`);
  }
  const flags = reader.byte('connect flags');
  if (flags & 1) reader.fail('the reserved connect flag must be 0');
  const keepAlive = reader.uint16('keep alive');
  const v5 = protocolLevel === 5;
  const properties = v5 ? propertiesOf(reader) : {};
  const clientId = reader.string('client identifier');
  const tree: Body = {
    protocolName,
    protocolLevel,
    version: VERSION_NAMES[protocolLevel],
    [v5 ? 'cleanStart' : 'cleanSession']: (flags & 2) !== 0,
    keepAlive,
    ...properties,
    clientId,
  };
  if (flags & 4) {
    const willProperties = v5 ? readProperties(reader) : {};
    const topic = reader.string('will topic');
    tree.will = {
      topic,
      payload: payloadTree(reader.binary('will payload')),
      qos: (flags >> 3) & 3,
      retain: (flags & 0x20) !== 0,
      ...(Object.keys(willProperties).length > 0 && { properties: willProperties }),
    };
  }
  if (flags & 0x80) tree.username = reader.string('user name');
  // The password is a secret: the tree says one was sent, and how long, never what it is.
  if (flags & 0x40) tree.password = `(${reader.binary('password').length} bytes, hidden)`;
  return tree;
}

const VERSION_NAMES: Record<number, string> = { 3: '3.1', 4: '3.1.1', 5: '5.0' };

function readPublish(flags: number, reader: PacketReader, v5: boolean): Body {
  const qos = (flags >> 1) & 3;
  if (qos === 3) reader.fail('QoS 3 does not exist');
  const topic = reader.string('topic name');
  const packetId = qos > 0 ? reader.uint16('packet identifier') : undefined;
  const properties = v5 ? propertiesOf(reader) : {};
  const payload = reader.rest();
  const text = printableText(payload);
  return {
    topic,
    qos,
    retain: (flags & 1) !== 0,
    dup: (flags & 8) !== 0,
    ...(packetId !== undefined && { packetId }),
    ...properties,
    payload: text ?? bytesTree(payload),
    ...(text !== undefined && jsonOf(text)),
  };
}

/** A payload that is JSON is also shown parsed, so `payloadJson.temp > 20` can filter on it. */
function jsonOf(text: string): Body {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return {};
  try {
    return { payloadJson: JSON.parse(text) as unknown };
  } catch {
    return {};
  }
}

function payloadTree(bytes: Uint8Array): unknown {
  return printableText(bytes) ?? bytesTree(bytes);
}

function readSubscribe(reader: PacketReader, v5: boolean): Body {
  const packetId = reader.uint16('packet identifier');
  const properties = v5 ? propertiesOf(reader) : {};
  const subscriptions: Body[] = [];
  do {
    const topic = reader.string('topic filter');
    const options = reader.byte('subscription options');
    if ((options & 3) === 3) reader.fail(`QoS 3 requested for ${topic}`);
    subscriptions.push(
      v5
        ? {
            topic,
            qos: options & 3,
            noLocal: (options & 4) !== 0,
            retainAsPublished: (options & 8) !== 0,
            retainHandling: (options >> 4) & 3,
          }
        : { topic, qos: options & 3 },
    );
  } while (reader.remaining > 0);
  return { packetId, ...properties, subscriptions };
}
