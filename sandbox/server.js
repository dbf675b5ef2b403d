// @ts-check
/**
 * The sandbox: a WebSocket server with one path per behaviour a person (or a test) wants to try.
 * Every path negotiates subprotocols: it accepts the first offered one it knows.
 *
 * Any page on this machine can reach it, so the handshake is checked in this order, each refusal with a short
 * body saying why: the page's origin (403, ./origins.js), the path (404), the subprotocols /protocol-required
 * wants (400), the server's connection cap (503). After the handshake, a path over its own connection cap, or a
 * /stream request over a cap, is closed with 1008 and a reason; a message over the payload cap with 1009.
 * The protocol paths (./protocols/hosts.js) pass the same checks, then their library takes the handshake over; one
 * over its path's cap is refused with 503 before it.
 */
import { STATUS_CODES, createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { ChatRoom } from './chat-room.js';
import { Outbox, SendBudget } from './flow.js';
import { LIMITS } from './limits.js';
import { OriginPolicy } from './origins.js';
import { PROTOCOL_ROUTES } from './protocols/hosts.js';
import { KNOWN_PROTOCOLS, ROUTES } from './routes.js';

export { KNOWN_PROTOCOLS } from './routes.js';
export { LIMITS } from './limits.js';

/** The longest close reason the protocol allows, in bytes. */
const MAX_REASON = 123;

/**
 * A protocol path as the server runs it: its library's host, and the sockets it holds.
 * @typedef {{ path: string, host: import('./protocols/hosts.js').Host, open: Set<import('node:stream').Duplex> }} Hosted
 */

/**
 * @typedef {object} SandboxOptions
 * @property {string} [host]
 * @property {number} [port] 0 for any free port
 * @property {readonly string[]} [allowOrigins] origins accepted on every path besides loopback ones (./origins.js)
 * @property {Partial<import('./limits.js').Limits>} [limits] tighter or looser caps than LIMITS
 */

/**
 * @param {SandboxOptions} [options]
 * @returns {Promise<{ port: number, host: string, url: string, close: () => Promise<void> }>}
 * @throws {Error} when an origin is malformed, or the port cannot be listened on (code EADDRINUSE when taken)
 */
export async function startSandbox({ host = '127.0.0.1', port = 8787, allowOrigins = [], limits = {} } = {}) {
  const caps = { ...LIMITS, ...limits };
  const origins = new OriginPolicy(allowOrigins);
  const budget = new SendBudget(caps.sendBudget);
  const chat = new ChatRoom();
  /** @type {Map<string, Set<import('ws').WebSocket>>} */
  const open = new Map([...ROUTES.keys()].map((path) => [path, new Set()]));
  /** @type {Hosted[]} */
  const hosts = PROTOCOL_ROUTES.map(({ path, start }) => ({ path, host: start(caps), open: new Set() }));
  let total = 0;

  // The client lists subprotocols in its order of preference; honour that order.
  /** @param {Set<string>} offered */
  const handleProtocols = (offered) => [...offered].find((p) => KNOWN_PROTOCOLS.includes(p)) ?? false;
  const sockets = new WebSocketServer({ noServer: true, handleProtocols, maxPayload: caps.maxPayload });
  const chatSockets = new WebSocketServer({
    noServer: true,
    handleProtocols,
    maxPayload: caps.maxChatPayload,
  });

  const http = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(describe(`ws://${request.headers.host}`));
  });
  // Sockets that never finish a handshake count too; twice the WebSocket cap leaves room for refusals.
  http.maxConnections = caps.maxConnections * 2;

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'ws://sandbox');
    const path = url.pathname;
    const route = ROUTES.get(path);
    const hosted = hosts.find((h) => path === h.path || path.startsWith(`${h.path}/`));
    const originRefusal = origins.refusal(request.headers.origin, path);
    if (originRefusal) return refuse(socket, 403, originRefusal);
    if (hosted) return admitHosted(hosted, request, socket, head);
    if (!route) return refuse(socket, 404, `No sandbox path ${path}`);
    if (route.protocolRequired && !offersKnownProtocol(request.headers['sec-websocket-protocol'])) {
      return refuse(socket, 400, `Offer one of these subprotocols: ${KNOWN_PROTOCOLS.join(', ')}`);
    }
    if (total >= caps.maxConnections) return refuse(socket, 503, fullMessage);
    const server = route.chat ? chatSockets : sockets;
    server.handleUpgrade(request, socket, head, (ws) => {
      const onPath = /** @type {Set<import('ws').WebSocket>} */ (open.get(path));
      onPath.add(ws);
      total++;
      ws.once('close', () => {
        onPath.delete(ws);
        total--;
      });
      // ws closes the connection itself (1009 for a message over the cap, 1002 for a protocol error); without
      // a listener the error would end the process.
      ws.on('error', () => {});
      const refuseWith = (/** @type {string} */ reason) => ws.close(1008, clipReason(reason));
      if (onPath.size > caps.maxPerPath) {
        return refuseWith(
          `The sandbox allows ${caps.maxPerPath} connections on ${path}: close one and retry.`,
        );
      }
      route.handle({
        ws,
        params: url.searchParams,
        outbox: new Outbox(ws, budget, caps.highWaterMark),
        chat,
        limits: caps,
        refuse: refuseWith,
      });
    });
  });

  const fullMessage = `The sandbox already holds ${caps.maxConnections} connections, its cap: close some and try again.`;

  /**
   * @param {Hosted} hosted
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  function admitHosted(hosted, request, socket, head) {
    if (total >= caps.maxConnections) return refuse(socket, 503, fullMessage);
    if (hosted.open.size >= caps.maxPerPath) {
      return refuse(
        socket,
        503,
        `The sandbox allows ${caps.maxPerPath} connections on ${hosted.path}: close one and retry.`,
      );
    }
    hosted.open.add(socket);
    total++;
    socket.once('close', () => {
      hosted.open.delete(socket);
      total--;
    });
    hosted.host.upgrade(request, socket, head);
  }

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (http.address());
  return {
    host,
    port: address.port,
    url: `ws://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const hosted of hosts) void hosted.host.close();
        for (const server of [sockets, chatSockets]) {
          for (const client of server.clients) client.terminate();
          server.close();
        }
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

/** @param {string} base e.g. ws://localhost:8787 */
export function describe(base) {
  return [...ROUTES.values(), ...PROTOCOL_ROUTES]
    .map((route) => `${base}${route.usage.padEnd(40)} ${route.does}`)
    .join('\n');
}

/** @param {string | undefined} header */
function offersKnownProtocol(header) {
  return (header ?? '').split(',').some((p) => KNOWN_PROTOCOLS.includes(p.trim()));
}

/**
 * Answers a handshake with an HTTP error instead of the upgrade.
 * @param {import('node:stream').Duplex} socket
 * @param {number} status
 * @param {string} message
 */
function refuse(socket, status, message) {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
  );
}

/** @param {string} reason */
function clipReason(reason) {
  const bytes = Buffer.from(reason);
  if (bytes.length <= MAX_REASON) return reason;
  // Cut on a character boundary: a close reason must be valid UTF-8.
  return new TextDecoder().decode(bytes.subarray(0, MAX_REASON - 3)).replace(/\uFFFD$/, '') + '…';
}
