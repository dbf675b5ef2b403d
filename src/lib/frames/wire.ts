import type { MessageRecord } from '../model/frame';

/** What the agent saw of a frame on the wire, in the words Frame details shows. */

/** `opcode 0x1 (text), compressed`: null when the browser made the connection and could not tell. */
export function describeWire(message: MessageRecord): string | null {
  if (message.compressed === undefined) return null;
  const opcode = message.kind === 'text' ? 'opcode 0x1 (text)' : 'opcode 0x2 (binary)';
  return `${opcode}, ${message.compressed ? 'compressed (permessage-deflate)' : 'not compressed'}`;
}

/**
 * A close frame's payload as sent: its bytes in hex, then what they hold (a status code in the first two bytes,
 * the reason's bytes after them, which a server may have sent as invalid UTF-8).
 */
export function describeCloseFrame(hex: string): string {
  if (hex === '') return 'empty (no status code)';
  const bytes = hex.match(/../g) ?? [];
  const spaced = bytes.join(' ');
  if (bytes.length < 2) return `${spaced} (too short for a status code)`;
  const code = Number.parseInt(hex.slice(0, 4), 16);
  const reasonBytes = Uint8Array.from(bytes.slice(2), (byte) => Number.parseInt(byte, 16));
  const reason = new TextDecoder().decode(reasonBytes);
  return `${spaced} (code ${code}, ${reasonBytes.length} reason bytes${reasonBytes.length ? ` “${reason}”` : ''})`;
}
