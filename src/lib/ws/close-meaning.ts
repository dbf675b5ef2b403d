import { describeCloseCode } from './close-codes';

/** What the page knows about a connection that closed, beside its close code. */
export interface CloseContext {
  /** Whether `open` ever fired: a handshake that never completed and a dropped connection both end in 1006. */
  opened: boolean;
  /** How many subprotocols the connection offered. */
  offeredProtocols: number;
}

const NEVER_OPENED =
  'The handshake never completed: the server refused it or could not be reached (a wrong path or port, a ' +
  'server that is down, a refused subprotocol, a TLS error). The page is not told which; DevTools (F12) › ' +
  'Console shows the HTTP status or the network error.';

const DROPPED =
  'Dropped after opening: the connection ended without a close frame, so the server or the network cut it ' +
  '(a crash, a restart, a proxy or idle timeout, a lost network).';

const ASK_FOR_SUBPROTOCOL = 'If the server requires a subprotocol, list it in Subprotocols.';

/**
 * A close code's meaning for this connection: 1006 says different things when the handshake never completed and
 * when an open connection dropped, and a refused handshake with no subprotocol offered may want one.
 */
export function describeClose(code: number, context: CloseContext): string {
  if (code !== 1006 && context.opened) return describeCloseCode(code);
  if (!context.opened) {
    return context.offeredProtocols === 0 ? `${NEVER_OPENED} ${ASK_FOR_SUBPROTOCOL}` : NEVER_OPENED;
  }
  return DROPPED;
}
