import type { WireFacts } from '../model/frame';

/** Copies what a socket that sees the wire adds (WireFacts) onto the records Connection makes. */

/** The record fields for a message sent on `socket`. */
export function outgoingWire(socket: WebSocket): { compressed?: boolean } {
  const compressed = (socket as WireFacts).compressesOutgoing;
  return compressed === undefined ? {} : { compressed };
}

/** The record fields for a message `event`. */
export function incomingWire(event: MessageEvent): { compressed?: boolean } {
  const compressed = (event as WireFacts).compressed;
  return compressed === undefined ? {} : { compressed };
}

/** The record fields for a close `event`. */
export function closeWire(event: CloseEvent): { frameHex?: string } {
  const frameHex = (event as WireFacts).closeFrameHex;
  return frameHex === undefined ? {} : { frameHex };
}
