import type { ConnectionFacts, DecodedMessage, KeepAlive, OutgoingFrame } from '../decoder';

/**
 * STOMP's keep-alive: a CONNECT on open offering every version and heart-beats both ways every 10 s, then an EOL at
 * the interval CONNECTED negotiates (STOMP 1.2 §Heart-beating). Received heart-beats need no answer.
 */

/** What we offer: we can send one every 10 s (cx) and want one every 10 s (cy). */
const OFFERED_MS = 10_000;
const HEARTBEAT_FRAME: OutgoingFrame = { text: '\n' };

export function stompKeepAlive(): KeepAlive {
  // Until CONNECTED says otherwise, the offer: sending at least this often satisfies any interval the server asks
  // for, since the negotiated one is max(cx, sy) ≥ cx.
  let heartbeat: KeepAlive['heartbeat'] = { intervalMs: OFFERED_MS, frame: HEARTBEAT_FRAME };
  return {
    onOpen: (facts: ConnectionFacts) => [{ text: connectFrame(hostOf(facts.url)) }],
    answer(message: DecodedMessage) {
      if (message.type === 'CONNECTED') {
        const intervalMs = negotiatedSendInterval(message.fields['heart-beat']);
        heartbeat = intervalMs ? { intervalMs, frame: HEARTBEAT_FRAME } : undefined;
      }
      return [];
    },
    // Read after each answer(): CONNECTED changes it (to nothing when the server wants no heart-beats).
    get heartbeat() {
      return heartbeat;
    },
  };
}

function connectFrame(host: string): string {
  return `CONNECT\naccept-version:1.0,1.1,1.2\nhost:${host}\nheart-beat:${OFFERED_MS},${OFFERED_MS}\n\n\0`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The server's `heart-beat: sx,sy`: we send every max(cx, sy) ms, or never when sy is 0 (or the header absent). */
function negotiatedSendInterval(header: unknown): number | undefined {
  const match = typeof header === 'string' ? /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(header) : null;
  const wanted = Number(match?.[2] ?? 0);
  return wanted > 0 ? Math.max(OFFERED_MS, wanted) : undefined;
}
