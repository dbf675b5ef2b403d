import { bytesTree } from '../value-tree/tree';
import { PacketReader, printableText } from './bytes';

/** MQTT 5 §2.2.2.2: each property's identifier, its name (as mqtt-packet and MQTT.js call it) and data type. */
type PropertyType = 'byte' | 'uint16' | 'uint32' | 'varint' | 'string' | 'binary' | 'pair';

const PROPERTIES = new Map<number, [string, PropertyType]>([
  [0x01, ['payloadFormatIndicator', 'byte']],
  [0x02, ['messageExpiryInterval', 'uint32']],
  [0x03, ['contentType', 'string']],
  [0x08, ['responseTopic', 'string']],
  [0x09, ['correlationData', 'binary']],
  [0x0b, ['subscriptionIdentifier', 'varint']],
  [0x11, ['sessionExpiryInterval', 'uint32']],
  [0x12, ['assignedClientIdentifier', 'string']],
  [0x13, ['serverKeepAlive', 'uint16']],
  [0x15, ['authenticationMethod', 'string']],
  [0x16, ['authenticationData', 'binary']],
  [0x17, ['requestProblemInformation', 'byte']],
  [0x18, ['willDelayInterval', 'uint32']],
  [0x19, ['requestResponseInformation', 'byte']],
  [0x1a, ['responseInformation', 'string']],
  [0x1c, ['serverReference', 'string']],
  [0x1f, ['reasonString', 'string']],
  [0x21, ['receiveMaximum', 'uint16']],
  [0x22, ['topicAliasMaximum', 'uint16']],
  [0x23, ['topicAlias', 'uint16']],
  [0x24, ['maximumQoS', 'byte']],
  [0x25, ['retainAvailable', 'byte']],
  [0x26, ['userProperties', 'pair']],
  [0x27, ['maximumPacketSize', 'uint32']],
  [0x28, ['wildcardSubscriptionAvailable', 'byte']],
  [0x29, ['subscriptionIdentifierAvailable', 'byte']],
  [0x2a, ['sharedSubscriptionAvailable', 'byte']],
]);

/**
 * Reads an MQTT 5 properties block (its varint length, then the properties) into `{name: value}`. User properties
 * may repeat, and so may subscription identifiers in a PUBLISH: those become arrays (user properties as
 * `{name: value}` objects, in order).
 */
export function readProperties(reader: PacketReader): Record<string, unknown> {
  const length = reader.varint('properties length');
  if (length > reader.remaining) reader.fail(`properties length ${length} runs past the packet's end`);
  const end = reader.remaining - length;
  const properties: Record<string, unknown> = {};
  while (reader.remaining > end) {
    const id = reader.varint('property identifier');
    const known = PROPERTIES.get(id);
    if (!known) return reader.fail(`property identifier 0x${id.toString(16)} is not defined by MQTT 5`);
    const [name, type] = known;
    const value = readValue(reader, type, name);
    if (type === 'pair' || (name === 'subscriptionIdentifier' && name in properties)) {
      const previous = properties[name];
      properties[name] = [
        ...(Array.isArray(previous) ? previous : previous === undefined ? [] : [previous]),
        value,
      ];
    } else if (name in properties) {
      return reader.fail(`property ${name} appears twice`);
    } else {
      properties[name] = value;
    }
  }
  if (reader.remaining !== end) reader.fail('a property runs past the properties length');
  return properties;
}

function readValue(reader: PacketReader, type: PropertyType, name: string): unknown {
  switch (type) {
    case 'byte':
      return reader.byte(name);
    case 'uint16':
      return reader.uint16(name);
    case 'uint32':
      return reader.uint32(name);
    case 'varint':
      return reader.varint(name);
    case 'string':
      return reader.string(name);
    case 'binary': {
      const bytes = reader.binary(name);
      return printableText(bytes) ?? bytesTree(bytes);
    }
    case 'pair':
      return { [reader.string('user property name')]: reader.string('user property value') };
  }
}
