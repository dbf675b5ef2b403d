import type { Direction } from '../../model/frame';
import type { DecodedMessage, Pairing } from '../decoder';
import type { PacketTree } from './packets';

/** A summary shows this much of a payload. */
const PAYLOAD_PREVIEW = 80;

/** The grid's line, the filter's fields and the request↔reply pairing of one decoded packet. */
export function packetMessage(tree: PacketTree, dir: Direction): DecodedMessage {
  const key = keyOf(tree);
  const pairing = pairingOf(tree, dir);
  return {
    type: tree.type,
    ...(key !== undefined && { key }),
    summary: [tree.type, key, details(tree)].filter(Boolean).join(' '),
    tree,
    fields: tree,
    ...(pairing && { pairing }),
    ...(CONTROL.has(tree.type) && { control: true }),
  };
}

/** The protocol's plumbing: the handshake, its heartbeat, the goodbye and MQTT 5's authentication exchange. */
const CONTROL = new Set(['CONNECT', 'CONNACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH']);

function keyOf(tree: PacketTree): string | undefined {
  if (typeof tree.topic === 'string') return tree.topic;
  if (Array.isArray(tree.subscriptions)) {
    return (tree.subscriptions as { topic: string }[]).map((subscription) => subscription.topic).join(' ');
  }
  if (Array.isArray(tree.topics)) return (tree.topics as string[]).join(' ');
  if (tree.type === 'CONNECT') return String(tree.clientId);
  return undefined;
}

function details(tree: PacketTree): string {
  const parts: string[] = [];
  if (typeof tree.packetId === 'number') parts.push(`#${tree.packetId}`);
  if (tree.type === 'PUBLISH') {
    parts.push(`qos${String(tree.qos)}`);
    if (tree.retain) parts.push('retain');
    if (tree.dup) parts.push('dup');
    parts.push(preview(tree.payload));
  }
  if (tree.type === 'SUBSCRIBE') {
    parts.push(
      (tree.subscriptions as { qos: number }[]).map((subscription) => `qos${subscription.qos}`).join(' '),
    );
  }
  if (tree.type === 'CONNECT') parts.push(`v${String(tree.version)} keepalive ${String(tree.keepAlive)}s`);
  if (typeof tree.reason === 'string') parts.push(tree.reason);
  if (Array.isArray(tree.reasons)) parts.push((tree.reasons as string[]).join(', '));
  return parts.join(' ');
}

function preview(payload: unknown): string {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return text.length > PAYLOAD_PREVIEW ? `${text.slice(0, PAYLOAD_PREVIEW - 1)}…` : text;
}

/**
 * Packet identifiers are per sender: the client's PUBLISH 5 and the server's PUBLISH 5 are different exchanges, so
 * each key names the direction of the packet that opened the exchange. QoS 2 is two exchanges: PUBLISH↔PUBREC
 * and PUBREL↔PUBCOMP.
 */
function pairingOf(tree: PacketTree, dir: Direction): Pairing | undefined {
  const opposite: Direction = dir === 'out' ? 'in' : 'out';
  const id = tree.packetId;
  switch (tree.type) {
    case 'CONNECT':
      return { key: 'connect', role: 'request' };
    case 'CONNACK':
      return { key: 'connect', role: 'reply', final: true };
    case 'PINGREQ':
      return { key: 'ping', role: 'request' };
    case 'PINGRESP':
      return { key: 'ping', role: 'reply', final: true };
    case 'PUBLISH':
      return tree.qos === 0 ? undefined : { key: `publish:${dir}:${String(id)}`, role: 'request' };
    case 'PUBACK':
    case 'PUBREC':
      return { key: `publish:${opposite}:${String(id)}`, role: 'reply', final: true };
    case 'PUBREL':
      return { key: `pubrel:${dir}:${String(id)}`, role: 'request' };
    case 'PUBCOMP':
      return { key: `pubrel:${opposite}:${String(id)}`, role: 'reply', final: true };
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
      return { key: `${tree.type.toLowerCase()}:${dir}:${String(id)}`, role: 'request' };
    case 'SUBACK':
      return { key: `subscribe:${opposite}:${String(id)}`, role: 'reply', final: true };
    case 'UNSUBACK':
      return { key: `unsubscribe:${opposite}:${String(id)}`, role: 'reply', final: true };
    default:
      return undefined;
  }
}
