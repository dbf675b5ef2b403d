import { decode } from '@msgpack/msgpack';
import { bytesTree } from './attachments';
import { SOCKET_IO_TYPES, type SocketIoPacket } from './packet';

/** MessagePack bytes (bin) are shown in the tree as the attachments of the default parser are. */
function toTree(value: unknown): unknown {
  if (value instanceof Uint8Array) return bytesTree(value);
  if (Array.isArray(value)) return value.map(toTree);
  if (typeof value !== 'object' || value === null) return value;
  const tree: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // defineProperty, so a key named `__proto__` stays a key instead of replacing the prototype.
    Object.defineProperty(tree, key, {
      value: toTree(inner),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return tree;
}

/**
 * socket.io-msgpack-parser sends each Socket.IO packet as one MessagePack map `{type, nsp, data?, id?}` in a binary
 * frame. The bytes are taken for such a packet only if they decode to exactly that, with no byte left over.
 */
export function parseMsgpackPacket(bytes: Uint8Array): SocketIoPacket | undefined {
  let value: unknown;
  try {
    value = decode(bytes);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { type, nsp, id, data } = value as Record<string, unknown>;
  const name = typeof type === 'number' ? SOCKET_IO_TYPES[type] : undefined;
  if (name === undefined || typeof nsp !== 'string') return undefined;
  return {
    type: name,
    nsp,
    ...(typeof id === 'number' ? { id } : {}),
    ...(data === undefined ? {} : { data: toTree(data) }),
  };
}
