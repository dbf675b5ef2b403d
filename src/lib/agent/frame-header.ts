/**
 * The app's copy of agent/frame-header.js: binary messages between the app and the agent hold one or more
 * records, each a 9-byte header (connection id, flags, payload length) and the frame's payload, unchanged.
 * A test checks that the two copies agree.
 */

export const HEADER_BYTES = 9;
/** The frame came from the server. */
export const FLAG_INBOUND = 1;
/** Opcode 2 (binary); otherwise opcode 1 (text). */
export const FLAG_BINARY = 2;
/** RSV1 was set: permessage-deflate compressed the frame on the wire. */
export const FLAG_COMPRESSED = 4;

/** One record holding `payload`. */
export function encodeFrame(id: number, flags: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(HEADER_BYTES + payload.byteLength);
  writeHeader(out, id, flags, payload.byteLength);
  out.set(payload, HEADER_BYTES);
  return out;
}

export function writeHeader(target: Uint8Array, id: number, flags: number, length: number): void {
  const view = new DataView(target.buffer, target.byteOffset, HEADER_BYTES);
  view.setUint32(0, id);
  view.setUint8(4, flags);
  view.setUint32(5, length);
}

/**
 * Calls `onFrame` for each record of a binary message, in order; payloads are views into `message`.
 * Returns false when the message is malformed (records before the bad one were delivered).
 */
export function readFrames(
  message: ArrayBuffer,
  onFrame: (id: number, flags: number, payload: Uint8Array<ArrayBuffer>) => void,
): boolean {
  const view = new DataView(message);
  let offset = 0;
  while (offset < message.byteLength) {
    if (message.byteLength - offset < HEADER_BYTES) return false;
    const length = view.getUint32(offset + 5);
    const end = offset + HEADER_BYTES + length;
    if (end > message.byteLength) return false;
    onFrame(
      view.getUint32(offset),
      view.getUint8(offset + 4),
      new Uint8Array(message, offset + HEADER_BYTES, length),
    );
    offset = end;
  }
  return offset > 0;
}
