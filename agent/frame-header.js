// @ts-check
/**
 * Relayed data frames travel between the agent and the app as binary WebSocket messages: a 5-byte header
 * (connection id, flags), then the frame's payload, unchanged. src/lib/agent/frame-header.ts is the app's copy.
 */

export const HEADER_BYTES = 5;
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
  out.writeUInt32BE(id, 0);
  out[4] = flags;
  out.set(payload, HEADER_BYTES);
  return out;
}

/**
 * @param {Buffer} message a whole binary message from the app
 * @returns {{ id: number, flags: number, payload: Buffer } | null} null when it is too short to hold a header
 */
export function decodeFrame(message) {
  if (message.length < HEADER_BYTES) return null;
  return { id: message.readUInt32BE(0), flags: message[4] ?? 0, payload: message.subarray(HEADER_BYTES) };
}
