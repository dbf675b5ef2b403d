// @ts-check
/**
 * The seeded data set, described once: seed.ts writes it into the app's storage, and the end-to-end tests count
 * what a filter must find in it from the same description.
 */

/** When the seeded session starts; record `seq` is stamped `seq` milliseconds later. */
export const SEED_STARTED_AT = Date.UTC(2026, 0, 1);

/**
 * Record `seq` of the seeded session: text messages alternating sent and received, trades and quotes.
 * @param {number} seq
 * @returns {{ kind: 'text', dir: 'in' | 'out', t: number, text: string, size: number }}
 */
export function seededRecord(seq) {
  const text = `{"seq":${seq},"type":"${seq % 2 ? 'quote' : 'trade'}","price":${100 + (seq % 50)}}`;
  return { kind: 'text', dir: seq % 2 ? 'in' : 'out', t: SEED_STARTED_AT + seq, text, size: text.length };
}

/** The URL of the seeded Socket.IO session: its `EIO` parameter makes the app decode it as Socket.IO. */
export const SEED_SOCKET_IO_URL = 'ws://seeded.example/socket.io/?EIO=4&transport=websocket';

/**
 * Record `seq` of the seeded Socket.IO session: EVENT packets, `chat` and `typing` in turn, the decoded-field
 * filter's counterpart of the plain JSON session (`event = chat` holds for half of them, as `type = trade` does).
 * @param {number} seq
 * @returns {{ kind: 'text', dir: 'in' | 'out', t: number, text: string, size: number }}
 */
export function seededSocketIoRecord(seq) {
  const text = `42["${seq % 2 ? 'typing' : 'chat'}",{"n":${seq}}]`;
  return { kind: 'text', dir: seq % 2 ? 'in' : 'out', t: SEED_STARTED_AT + seq, text, size: text.length };
}
