import type { Result } from '../../result';
import type { ComposeContext, OutgoingFrame } from '../decoder';
import { encodeSocketIoPacket, type SocketIoPacket } from './packet';

/** Names a Socket.IO client refuses to emit: the library raises them itself. */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

/** The Engine.IO message type that every Socket.IO packet travels in. */
const MESSAGE = '4';

/**
 * Encodes the composer's description into one Engine.IO message:
 * - `{"event":"chat","args":["hi"],"ack":true,"nsp":"/admin"}` emits (`42/admin,7["chat","hi"]`, ack id assigned);
 * - `{"ackId":7,"args":[…]}` answers an event the server sent with that ack id (`437[…]`);
 * - `{"connect":"/admin","auth":{…}}` joins another namespace (`40/admin,{…}`), which events to it need first.
 */
export function composeSocketIo(description: unknown, context: ComposeContext): Result<OutgoingFrame[]> {
  if (typeof description !== 'object' || description === null || Array.isArray(description)) {
    return {
      ok: false,
      error: 'Describe a Socket.IO message as an object, e.g. {"event":"chat","args":["hi"]}',
    };
  }
  const d = description as Record<string, unknown>;
  const nsp = d['nsp'] ?? d['connect'] ?? '/';
  if (typeof nsp !== 'string' || !nsp.startsWith('/')) {
    return { ok: false, error: 'A namespace is a string starting with “/”, e.g. "/admin"' };
  }
  const args = d['args'] ?? [];
  if (!Array.isArray(args))
    return { ok: false, error: '“args” is an array of the arguments, e.g. ["hi", 1]' };

  let packet: SocketIoPacket;
  if ('connect' in d) {
    const auth = d['auth'];
    if (auth !== undefined && (typeof auth !== 'object' || auth === null || Array.isArray(auth))) {
      return { ok: false, error: '“auth” is an object, e.g. {"token":"…"}' };
    }
    packet = { type: 'CONNECT', nsp, data: auth };
  } else if ('ackId' in d) {
    const id = d['ackId'];
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      return {
        ok: false,
        error: '“ackId” is the whole number the server’s event asked to be acknowledged with',
      };
    }
    packet = { type: 'ACK', nsp, id, data: args };
  } else {
    const event = d['event'];
    if (typeof event !== 'string' || event === '') {
      return { ok: false, error: '“event” names the event to emit, e.g. "chat"' };
    }
    if (RESERVED_EVENTS.has(event))
      return { ok: false, error: `“${event}” is reserved by Socket.IO and cannot be emitted` };
    if (d['ack'] !== undefined && typeof d['ack'] !== 'boolean') {
      return { ok: false, error: '“ack” is true to ask the server to acknowledge, or false' };
    }
    packet = {
      type: 'EVENT',
      nsp,
      data: [event, ...args],
      ...(d['ack'] === true ? { id: context.nextId() } : {}),
    };
  }
  return { ok: true, value: [{ text: MESSAGE + encodeSocketIoPacket(packet) }] };
}
