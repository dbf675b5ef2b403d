// @ts-check
/**
 * One handler per sandbox path. Every handler sends through the connection's Outbox (./flow.js), so none can
 * queue without bound for a reader that does not read.
 */
import { randomBytes } from 'node:crypto';
import { readStreamRequest, stream } from './stream.js';

export const KNOWN_PROTOCOLS = ['chat.v1', 'json.v1', 'echo.v1'];

/** A 4×4 PNG, so the binary path shows a real file format in the hex dump. */
const SMALL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAKUlEQVR4nA3HMQEAAAzCMIQhDGEVUVlbviSxcZGY1NZV+pmdm+yDxSF4F/IXwWmvaVAAAAAASUVORK5CYII=',
  'base64',
);

/**
 * @typedef {object} Connection
 * @property {import('ws').WebSocket} ws
 * @property {URLSearchParams} params
 * @property {import('./flow.js').Outbox} outbox
 * @property {import('./chat-room.js').ChatRoom} chat
 * @property {import('./limits.js').Limits} limits
 * @property {(reason: string) => void} refuse closes with 1008 and that reason
 */

/** @typedef {(connection: Connection) => void} Handler */

/** @type {Handler} */
function echo({ ws, outbox }) {
  // A client that sends faster than it reads is not read from until its echoes drain: TCP then slows it down,
  // and nothing is lost.
  let paused = false;
  ws.on('message', (data, isBinary) => {
    outbox.send(/** @type {Buffer} */ (data), isBinary);
    if (outbox.ready || paused) return;
    paused = true;
    ws.pause();
    void outbox.whenReady().then(() => {
      paused = false;
      ws.resume();
    });
  });
}

/** @type {Handler} */
function binary(connection) {
  const { outbox } = connection;
  outbox.send(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), true);
  outbox.send(SMALL_PNG, true);
  outbox.send(randomBytes(64), true);
  echo(connection);
}

/** @type {Handler} */
function closeWith({ ws, params, outbox }) {
  const code = Number(params.get('code') ?? 1000);
  const reason = params.get('reason') ?? '';
  const sendable =
    code === 1000 ||
    (code >= 1001 && code <= 1014 && ![1004, 1005, 1006].includes(code)) ||
    (code >= 3000 && code <= 4999);
  if (!sendable || Buffer.byteLength(reason) > 123) {
    outbox.send(
      `A server cannot close with code ${code} and a ${Buffer.byteLength(reason)}-byte reason; closing with 1000.`,
      false,
    );
    ws.close(1000);
    return;
  }
  outbox.send(`Closing with code ${code}${reason ? ` and reason “${reason}”` : ''}.`, false);
  ws.close(code, reason);
}

/** @type {Handler} */
function drop({ ws }) {
  ws.send('Dropping the TCP connection without a close frame.', () => ws.terminate());
}

/** @type {Handler} */
function streamRoute({ ws, params, outbox, limits, refuse }) {
  const request = readStreamRequest(params, limits);
  if ('refusal' in request) return refuse(request.refusal);
  void stream(ws, request, outbox);
}

/**
 * @typedef {object} Route
 * @property {Handler} handle
 * @property {string} usage the path with its parameters
 * @property {string} does
 * @property {boolean} [chat] messages are copied to every member: the smaller payload cap applies
 * @property {boolean} [protocolRequired] the handshake must offer one of KNOWN_PROTOCOLS
 */

/** @type {ReadonlyMap<string, Route>} */
export const ROUTES = new Map(
  /** @type {[string, Route][]} */ ([
    [
      '/echo',
      { handle: echo, usage: '/echo', does: 'echoes every message, text as text and binary as binary' },
    ],
    [
      '/chat',
      {
        handle: ({ ws, params, outbox, chat }) => chat.join(ws, params, outbox),
        usage: '/chat?name=',
        does: 'a chat room: every message goes to everyone, with join and leave notices',
        chat: true,
      },
    ],
    [
      '/stream',
      {
        handle: streamRoute,
        usage: '/stream?count=&rate=&size=&binary=',
        does: 'pushes count messages at rate per second, or as fast as the reader takes them',
      },
    ],
    [
      '/binary',
      {
        handle: binary,
        usage: '/binary',
        does: 'sends bytes 0-255, a small PNG and random bytes, then echoes',
      },
    ],
    [
      '/close',
      {
        handle: closeWith,
        usage: '/close?code=&reason=',
        does: 'sends one message, then closes with that code and reason',
      },
    ],
    [
      '/drop',
      {
        handle: drop,
        usage: '/drop',
        does: 'sends one message, then cuts the TCP connection (the browser sees 1006)',
      },
    ],
    [
      '/protocol-required',
      {
        handle: echo,
        usage: '/protocol-required',
        does: `refuses a handshake that offers none of ${KNOWN_PROTOCOLS.join(', ')}`,
        protocolRequired: true,
      },
    ],
  ]),
);
