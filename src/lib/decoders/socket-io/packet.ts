import type { Result } from '../../result';

/** Socket.IO 5 packet types, named as the protocol names them; the index is the digit on the wire. */
export const SOCKET_IO_TYPES = [
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
] as const;
export type SocketIoType = (typeof SOCKET_IO_TYPES)[number];

export interface SocketIoPacket {
  type: SocketIoType;
  /** `/` unless the packet names another namespace. */
  nsp: string;
  /** The ack id: an EVENT that carries one asks for an ACK with the same id. */
  id?: number;
  /** How many binary frames follow a BINARY_EVENT or BINARY_ACK header. */
  attachments?: number;
  data?: unknown;
}

/** Parses `<type>[<#attachments>-][<nsp>,][<ackId>][JSON]`, the text inside an Engine.IO message packet. */
export function parseSocketIoPacket(text: string): Result<SocketIoPacket> {
  const type = SOCKET_IO_TYPES[Number(text[0])];
  if (text === '' || type === undefined) {
    return {
      ok: false,
      error: `A Socket.IO packet starts with a type digit 0–6; this one with “${text.slice(0, 1)}”`,
    };
  }
  let at = 1;
  const packet: SocketIoPacket = { type, nsp: '/' };

  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const count = /^(\d+)-/.exec(text.slice(at));
    if (count === null) {
      return {
        ok: false,
        error: `A ${type} packet gives its number of attachments followed by “-” (as in 451-)`,
      };
    }
    packet.attachments = Number(count[1]);
    at += count[0].length;
  }

  if (text[at] === '/') {
    const comma = text.indexOf(',', at);
    const end = comma === -1 ? text.length : comma;
    packet.nsp = text.slice(at, end);
    at = comma === -1 ? end : end + 1;
  }

  // Read in place, not by a regex on a copy of the rest: a filter parses a million packets.
  let idEnd = at;
  while (idEnd < text.length && isDigit(text.charCodeAt(idEnd))) idEnd++;
  if (idEnd > at) {
    packet.id = Number(text.slice(at, idEnd));
    at = idEnd;
  }

  const json = text.slice(at);
  if (json !== '') {
    try {
      packet.data = JSON.parse(json) as unknown;
    } catch {
      return { ok: false, error: `The ${type} packet’s data is not valid JSON: ${clip(json)}` };
    }
  }
  const problem = payloadProblem(packet);
  return problem === undefined ? { ok: true, value: packet } : { ok: false, error: problem };
}

/** What the protocol requires of each type's data, in words; undefined when the packet is well formed. */
function payloadProblem({ type, data, id }: SocketIoPacket): string | undefined {
  switch (type) {
    case 'CONNECT':
      return data === undefined || isObject(data)
        ? undefined
        : 'A CONNECT packet carries an object or nothing';
    case 'DISCONNECT':
      return data === undefined ? undefined : 'A DISCONNECT packet carries no data';
    case 'CONNECT_ERROR':
      return typeof data === 'string' || isObject(data)
        ? undefined
        : 'A CONNECT_ERROR packet carries an error object';
    case 'EVENT':
    case 'BINARY_EVENT':
      return Array.isArray(data) && (typeof data[0] === 'string' || typeof data[0] === 'number')
        ? undefined
        : `An ${type} packet carries an array whose first element is the event name`;
    case 'ACK':
    case 'BINARY_ACK':
      if (id === undefined) return `An ${type} packet names the ack id it answers`;
      return Array.isArray(data) ? undefined : `An ${type} packet carries an array of arguments`;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Writes a packet back to its wire text: what the composer sends. */
export function encodeSocketIoPacket(packet: SocketIoPacket): string {
  const digit = SOCKET_IO_TYPES.indexOf(packet.type);
  const attachments = packet.attachments === undefined ? '' : `${packet.attachments}-`;
  const nsp = packet.nsp === '/' ? '' : `${packet.nsp},`;
  const id = packet.id === undefined ? '' : String(packet.id);
  const data = packet.data === undefined ? '' : JSON.stringify(packet.data);
  return `${digit}${attachments}${nsp}${id}${data}`;
}
