import type { ConnectionFacts, DecodedMessage, KeepAlive, OutgoingFrame } from '../decoder';
import { engineIoVersion } from './engine-io';

/** Engine.IO 3's default ping interval, used until the server's open packet gives its own. */
const DEFAULT_PING_INTERVAL_MS = 25_000;

/**
 * Keeps a Socket.IO session alive.
 * Engine.IO 4: the server speaks first (`0{…}`), and only then does the client join the main namespace with `40`;
 * the server then pings (`2`) and closes unless each ping gets a pong (`3`) within pingTimeout.
 * Engine.IO 3 (Socket.IO 2): the server joins the client to `/` by itself, and the client pings every pingInterval;
 * `heartbeat.intervalMs` follows the interval the server's open packet gives, so read it again for each beat.
 */
export function socketIoKeepAlive(facts: ConnectionFacts): KeepAlive {
  const version = engineIoVersion(facts.url);
  let pingIntervalMs = DEFAULT_PING_INTERVAL_MS;
  const ping: OutgoingFrame = { text: '2' };

  const answer = (message: DecodedMessage): OutgoingFrame[] => {
    if (message.type === 'open') {
      if (version === 4) return [{ text: '40' }];
      const interval = message.fields['pingInterval'];
      if (typeof interval === 'number' && interval > 0) pingIntervalMs = interval;
      // One ping at once starts the server's timer on our terms, whatever interval it asks for.
      return [ping];
    }
    if (message.type === 'ping' && version === 4) {
      // An upgrade probe (`2probe`) is answered in kind (`3probe`).
      return [{ text: message.fields['data'] === 'probe' ? '3probe' : '3' }];
    }
    return [];
  };

  if (version === 4) return { onOpen: () => [], answer };
  return {
    onOpen: () => [],
    answer,
    heartbeat: {
      get intervalMs() {
        return pingIntervalMs;
      },
      frame: ping,
    },
  };
}
