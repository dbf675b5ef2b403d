// @ts-check
/**
 * The agent's listener: loopback only. Each upgrade must name a loopback Host and come from one of the app's
 * origins (or from no browser at all) before it is accepted; then the socket has to authenticate (session.js).
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { DEFAULT_ALLOWED_ORIGINS, isAllowedOrigin, isLoopbackHost, originSet } from './guard.js';
import { MAX_FRAME_BYTES_LIMIT } from './open-request.js';
import { FailureLimiter } from './rate-limit.js';
import { AgentSession } from './session.js';
import { HEADER_BYTES } from './frame-header.js';

export const DEFAULT_PORT = 8790;
/** Never configurable: an agent that opens connections with the user's cookies must not be reachable from the network. */
const HOST = '127.0.0.1';
/** Queue marks per direction: enough to keep loopback busy, small enough that a stalled reader costs little. */
const DEFAULT_MARKS = { high: 1024 * 1024, low: 256 * 1024 };

/**
 * @typedef {object} AgentOptions
 * @property {string} token
 * @property {number} [port] 0 for any free port
 * @property {string[]} [allowedOrigins] replaces the defaults
 * @property {(line: string) => void} [log]
 * @property {FailureLimiter} [limiter]
 * @property {{ high: number, low: number }} [marks]
 */

/**
 * @param {AgentOptions} options
 * @returns {Promise<{ port: number, host: string, url: string, close: () => Promise<void> }>}
 */
export async function startAgent({
  token,
  port = DEFAULT_PORT,
  allowedOrigins = DEFAULT_ALLOWED_ORIGINS,
  log = console.log,
  limiter = new FailureLimiter(),
  marks = DEFAULT_MARKS,
}) {
  const origins = originSet(allowedOrigins);
  /** @type {Set<AgentSession>} */
  const sessions = new Set();
  let sessionCount = 0;
  const wss = new WebSocketServer({
    noServer: true,
    // Loopback is fast: compressing would only cost CPU on both ends.
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES_LIMIT + HEADER_BYTES,
  });

  const http = createServer((_request, response) => {
    response
      .writeHead(426, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The WS Inspector agent speaks WebSocket only.\n');
  });

  http.on('upgrade', (request, socket, head) => {
    if (!isLoopbackHost(request.headers.host)) {
      log('Refused a connection: its Host is not a loopback name (DNS rebinding?)');
      return refuse(socket, 403, 'Forbidden host');
    }
    const origin = request.headers.origin;
    if (!isAllowedOrigin(origin, origins)) {
      log('Refused a connection from a page whose Origin is not the app (allow one with --allow-origin)');
      return refuse(socket, 403, 'Forbidden origin');
    }
    const source = `${request.socket.remoteAddress}|${origin ?? 'no origin'}`;
    wss.handleUpgrade(request, socket, head, (app) => {
      const lockedMs = limiter.lockedFor(source);
      if (lockedMs > 0) {
        // Accepted only to say why: a page cannot read a refused upgrade's status.
        app.close(1008, `Too many wrong tokens: try again in ${Math.ceil(lockedMs / 1000)} s.`);
        return;
      }
      const session = new AgentSession(app, { token, limiter, source, number: ++sessionCount, log, marks });
      sessions.add(session);
      app.on('close', () => sessions.delete(session));
    });
  });

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, HOST, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (http.address());
  return {
    port: address.port,
    host: address.address,
    url: `ws://${HOST}:${address.port}`,
    close: async () => {
      for (const session of sessions) session.stop();
      wss.close();
      await new Promise((resolve) => {
        http.close(() => resolve(undefined));
        // Give the close frames a moment to leave, then cut whatever is left.
        setTimeout(() => http.closeAllConnections(), 200).unref();
      });
    },
  };
}

/**
 * @param {import('node:stream').Duplex} socket
 * @param {number} status
 * @param {string} text
 */
function refuse(socket, status, text) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
