import type { Direction } from '../../model/frame';
import type { DecodedMessage, Pairing } from '../decoder';
import type { EngineIoType } from './engine-io';
import type { SocketIoPacket } from './packet';
import { jsonPreview } from '../preview';

/**
 * An ack id is counted by whoever asks, so the client's ack 1 and the server's ack 1 are different exchanges:
 * the key says who asked.
 */
function ackKey(nsp: string, id: number, askedBy: Direction): string {
  return `${askedBy === 'out' ? 'ack' : 'server-ack'}:${nsp}:${id}`;
}

function pairingOf(packet: SocketIoPacket, dir: Direction): Pairing | undefined {
  const { type, nsp, id } = packet;
  if (type === 'CONNECT' || type === 'CONNECT_ERROR') {
    // Only the client asks to connect; the server's CONNECT or CONNECT_ERROR answers it.
    return {
      key: `connect:${nsp}`,
      role: dir === 'out' ? 'request' : 'reply',
      final: dir === 'in' ? true : undefined,
    };
  }
  if (id === undefined) return undefined;
  if (type === 'EVENT' || type === 'BINARY_EVENT') return { key: ackKey(nsp, id, dir), role: 'request' };
  if (type === 'ACK' || type === 'BINARY_ACK') {
    return { key: ackKey(nsp, id, dir === 'out' ? 'in' : 'out'), role: 'reply', final: true };
  }
  return undefined;
}

/** The packet as the tree shows it. Built property by property: copying it with a spread costs a filter over a
 * million frames several times what parsing them does. */
function packetTree({ type, nsp, id, attachments, data }: SocketIoPacket): Record<string, unknown> {
  const tree: Record<string, unknown> = { type, nsp };
  if (id !== undefined) tree['id'] = id;
  if (attachments !== undefined) tree['attachments'] = attachments;
  if (data !== undefined) tree['data'] = data;
  return tree;
}

function isEvent(packet: SocketIoPacket): packet is SocketIoPacket & { data: unknown[] } {
  return (packet.type === 'EVENT' || packet.type === 'BINARY_EVENT') && Array.isArray(packet.data);
}

function isAck({ type, id }: SocketIoPacket): boolean {
  return (type === 'ACK' || type === 'BINARY_ACK') && id !== undefined;
}

/** What a field condition reads of a packet: the tree, with an event's name and arguments, or an ack's arguments. */
export function socketIoFields(packet: SocketIoPacket): Record<string, unknown> {
  const fields = packetTree(packet);
  if (isEvent(packet)) {
    fields['event'] = packet.data[0];
    fields['args'] = packet.data.slice(1);
  } else if (isAck(packet)) {
    fields['args'] = packet.data;
  }
  return fields;
}

/** A Socket.IO packet, its attachments already placed in `data`, as the grid, the tree and the filter read it. */
export function socketIoMessage(packet: SocketIoPacket, dir: Direction): DecodedMessage {
  const { type, nsp, id, data } = packet;
  const fields = socketIoFields(packet);
  let key: string;
  let detail: string;
  if (isEvent(packet)) {
    key = String(fields['event']);
    detail = jsonPreview(fields['args']);
  } else if (isAck(packet)) {
    key = String(id);
    detail = jsonPreview(data);
  } else {
    key = nsp;
    detail = data === undefined ? '' : jsonPreview(data);
  }

  const where = [
    id !== undefined && type !== 'ACK' && type !== 'BINARY_ACK' ? `ack id ${id}` : '',
    nsp !== '/' && key !== nsp ? `on ${nsp}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const summary = [type, key, detail, where === '' ? '' : `(${where})`].filter(Boolean).join(' ');
  const message: DecodedMessage = { type, key, summary, tree: packetTree(packet), fields };
  const pairing = pairingOf(packet, dir);
  if (pairing !== undefined) message.pairing = pairing;
  if (type === 'CONNECT') message.control = true;
  return message;
}

/** Engine.IO's own packets (open, ping, pong, close, upgrade, noop): the plumbing under Socket.IO. */
export function engineIoControlMessage(
  type: Exclude<EngineIoType, 'message'>,
  data: unknown,
): DecodedMessage {
  const tree: Record<string, unknown> = { type };
  if (data !== undefined && data !== '') tree['data'] = data;
  let summary: string = type;
  if (type === 'open' && typeof data === 'object' && data !== null) {
    const open = data as Record<string, unknown>;
    summary = `open sid ${String(open['sid'])}, ping every ${String(open['pingInterval'])} ms, timeout ${String(open['pingTimeout'])} ms`;
  } else if (typeof data === 'string' && data !== '') {
    summary = `${type} ${data}`;
  }
  const exchange = data === 'probe' ? 'probe' : 'ping';
  const pairing: Pairing | undefined =
    type === 'ping'
      ? { key: exchange, role: 'request' }
      : type === 'pong'
        ? { key: exchange, role: 'reply', final: true }
        : undefined;
  return {
    type,
    summary,
    tree,
    fields: { ...(type === 'open' && typeof data === 'object' ? data : {}), ...tree },
    control: true,
    ...(pairing === undefined ? {} : { pairing }),
  };
}

/** An Engine.IO message that carries no Socket.IO packet: plain Engine.IO, or bytes whose header was not seen. */
export function engineIoDataMessage(data: unknown, summary: string): DecodedMessage {
  return {
    type: 'message',
    summary: `message ${summary}`,
    tree: { type: 'message', data },
    fields: engineIoDataFields(data),
  };
}

/** What a field condition reads of an Engine.IO message that carries no Socket.IO packet. */
export function engineIoDataFields(data: unknown): Record<string, unknown> {
  return { type: 'message', data };
}
