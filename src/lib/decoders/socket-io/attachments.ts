import { toHex } from '../../encoding/hex';
import type { Result } from '../../result';

/** A frame may carry megabytes; the tree shows the start of the bytes and says how many there are. */
const TREE_BYTES_LIMIT = 64 * 1024;

/** Bytes in the Decoded tree, in the shape the MessagePack and CBOR trees use: `{"$bytes":"0a0b"}`. */
export function bytesTree(bytes: Uint8Array): unknown {
  if (bytes.length <= TREE_BYTES_LIMIT) return { $bytes: toHex(bytes, '') };
  return { $bytes: toHex(bytes.subarray(0, TREE_BYTES_LIMIT), ''), $length: bytes.length };
}

/**
 * Puts each attachment where its `{"_placeholder":true,"num":n}` stands in a BINARY_EVENT or BINARY_ACK's data,
 * as socket.io-parser's reconstructPacket does, with the bytes shown as a tree.
 */
export function placeAttachments(data: unknown, attachments: readonly Uint8Array[]): Result<unknown> {
  let problem: string | undefined;
  const place = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(place);
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    if (record['_placeholder'] === true) {
      const bytes = typeof record['num'] === 'number' ? attachments[record['num']] : undefined;
      if (bytes !== undefined) return bytesTree(bytes);
      problem ??= `A placeholder points to attachment ${String(record['num'])}, but the packet has ${attachments.length}`;
      return value;
    }
    const placed: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(record)) {
      // defineProperty, so a key named `__proto__` stays a key instead of replacing the prototype.
      Object.defineProperty(placed, key, {
        value: place(inner),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return placed;
  };
  const placed = place(data);
  return problem === undefined ? { ok: true, value: placed } : { ok: false, error: problem };
}
