// @ts-check
/**
 * Socket.IO 4 (npm socket.io, WebSocket transport only): the demo the sandbox serves at /socket.io/, which the
 * test servers (tests/shared/protocol-servers/socket-io.js) serve too.
 *
 * What it does, on `/` and on `/admin`:
 * - `chat` (any args): acknowledges with `{ ok: true, echo: args }` when asked, and emits `chat` back with the args;
 * - `binary`: emits `file` with the bytes 01 02 03 04 and `{ name: 'f.bin' }` (a BINARY_EVENT, one attachment);
 * - `ask`: emits `question` "ready?" with an ack and emits `answered` with whatever the client acknowledged.
 * Every reply goes to the asking socket alone: no connection sees another's traffic.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

/** @param {import('socket.io').Server} io */
export function serveSocketIoDemo(io) {
  /** @param {import('socket.io').Socket} socket */
  const serve = (socket) => {
    socket.on('chat', (...args) => {
      const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
      if (ack) ack({ ok: true, echo: args });
      socket.emit('chat', ...args);
    });
    socket.on('binary', () => socket.emit('file', Buffer.from([1, 2, 3, 4]), { name: 'f.bin' }));
    socket.on('ask', () =>
      socket.emit('question', 'ready?', (/** @type {unknown} */ answer) => socket.emit('answered', answer)),
    );
  };
  io.on('connection', serve);
  io.of('/admin').on('connection', serve);
}

/**
 * The sandbox's Socket.IO server. It pings every 10 s and waits 5 s for the pong (Socket.IO's defaults are 25 s
 * and 20 s), so a newcomer sees the keep-alive at work within seconds.
 * @param {import('../limits.js').Limits} caps
 * @returns {import('./hosts.js').Host}
 */
export function socketIoHost(caps) {
  const io = new Server({
    transports: ['websocket'],
    serveClient: false,
    allowEIO3: true,
    pingInterval: 10_000,
    pingTimeout: 5_000,
    maxHttpBufferSize: caps.maxChatPayload,
  });
  // Socket.IO makes its Engine.IO server only when attached to an HTTP server. This one never listens: the
  // sandbox's own upgrade handler checks the origin and the caps first, then hands the handshake to Engine.IO.
  io.attach(createServer());
  serveSocketIoDemo(io);
  return {
    upgrade: (request, socket, head) => io.engine.handleUpgrade(request, socket, head),
    close: () => new Promise((resolve) => io.close(() => resolve())),
  };
}
