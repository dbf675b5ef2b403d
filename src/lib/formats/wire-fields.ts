import type { CloseEvent, MessageRecord } from '../model/frame';

/**
 * What the agent saw on the wire, as the native format keeps it: `"compressed":true|false` on a message and
 * `"frameHex":"03e8…"` (the server's close frame payload) on a close. Files from before, and sessions the browser
 * connected by itself, have neither, and read as before.
 */

/** A close frame's payload is at most 125 bytes. */
const CLOSE_PAYLOAD_HEX = /^(?:[0-9a-f]{2}){0,125}$/;

export function messageWireFields(record: MessageRecord): { auto?: true; compressed?: boolean } {
  return {
    ...(record.auto ? { auto: true } : {}),
    ...(record.compressed === undefined ? {} : { compressed: record.compressed }),
  };
}

/** The frame holds the reason's bytes: once redaction changed the reason, the frame would give it away. */
export function closeWireFields(record: CloseEvent, writtenReason: string): { frameHex?: string } {
  return record.frameHex === undefined || writtenReason !== record.reason
    ? {}
    : { frameHex: record.frameHex };
}

/** A sent message the app sent by itself (handshake and keep-alive) says so with `"auto":true`. */
export function readMessageWire(value: Record<string, unknown>): { auto?: true; compressed?: boolean } {
  return {
    ...(value.auto === true && value.dir === 'out' ? { auto: true } : {}),
    ...(typeof value.compressed === 'boolean' ? { compressed: value.compressed } : {}),
  };
}

export function readFrameHex(value: Record<string, unknown>): { frameHex?: string } {
  return typeof value.frameHex === 'string' && CLOSE_PAYLOAD_HEX.test(value.frameHex)
    ? { frameHex: value.frameHex }
    : {};
}
