// @ts-check
/**
 * Relayed data frames travel between the agent and the app in binary WebSocket messages. Each message holds one or
 * more records: a 9-byte header (connection id, flags, payload length), then the frame's payload, unchanged. The
 * agent packs the frames that arrive in one turn of the event loop into one message, since a message per 100-byte
 * frame costs the app (and the agent) more than the frames themselves. src/lib/agent/frame-header.ts is the app's
 * copy of this format.
 */

export const HEADER_BYTES = 9;
/** Set when the frame came from the server (towards the app); clear for frames the app sends. */
export const FLAG_INBOUND = 1;
/** Set for opcode 2 (binary); clear for opcode 1 (text). */
export const FLAG_BINARY = 2;
/** Set when the frame had RSV1 set: permessage-deflate compressed it on the wire. */
export const FLAG_COMPRESSED = 4;

/**
 * @param {number} id connection id
 * @param {number} flags FLAG_* bits
 * @param {Uint8Array} payload
 */
export function encodeFrame(id, flags, payload) {
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  writeHeader(out, 0, id, flags, payload.length);
  out.set(payload, HEADER_BYTES);
  return out;
}

/**
 * @param {Buffer} target
 * @param {number} offset
 * @param {number} id
 * @param {number} flags
 * @param {number} length
 */
export function writeHeader(target, offset, id, flags, length) {
  target.writeUInt32BE(id, offset);
  target[offset + 4] = flags;
  target.writeUInt32BE(length, offset + 5);
}

/**
 * Calls `onFrame` for each record of a binary message, in order.
 * @param {Buffer} message
 * @param {(id: number, flags: number, payload: Buffer) => void} onFrame
 * @returns {boolean} false when the message is malformed (records before the bad one were delivered)
 */
export function readFrames(message, onFrame) {
  let offset = 0;
  while (offset < message.length) {
    if (message.length - offset < HEADER_BYTES) return false;
    const length = message.readUInt32BE(offset + 5);
    const end = offset + HEADER_BYTES + length;
    if (end > message.length) return false;
    onFrame(
      message.readUInt32BE(offset),
      message[offset + 4] ?? 0,
      message.subarray(offset + HEADER_BYTES, end),
    );
    offset = end;
  }
  return offset > 0;
}
