// @ts-check
/**
 * A real Socket.IO 4 server (npm socket.io, WebSocket transport only) on a free port of 127.0.0.1, for the decoder
 * tests and the browser suites. It stops by itself after `lifetimeMs`, so a failed test never leaves it running.
 *
 * What it does, on `/` and on `/admin`:
 * - `chat` (any args): acknowledges with `{ ok: true, echo: args }` when asked, and emits `chat` back with the args;
 * - `binary`: emits `file` with the bytes 01 02 03 04 and `{ name: 'f.bin' }` (a BINARY_EVENT, one attachment);
 * - `ask`: emits `question` "ready?" with an ack and emits `answered` with whatever the client acknowledged.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * @param {{ pingInterval?: number, pingTimeout?: number, allowEIO3?: boolean, lifetimeMs?: number }} [options]
 * @returns {Promise<{ url: string, urlEio3: string, port: number, close: () => Promise<void> }>}
 */
export async function startSocketIoServer(options = {}) {
  const { pingInterval = 25_000, pingTimeout = 20_000, allowEIO3 = true, lifetimeMs = 120_000 } = options;
  const httpServer = createServer();
  const io = new Server(httpServer, { transports: ['websocket'], pingInterval, pingTimeout, allowEIO3 });

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

  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (httpServer.address()).port;

  let closing;
  const close = () =>
    (closing ??= new Promise((resolve) => {
      clearTimeout(lifetime);
      io.close(() => resolve(undefined));
    }));
  const lifetime = setTimeout(close, lifetimeMs);
  lifetime.unref();

  return {
    url: `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`,
    urlEio3: `ws://127.0.0.1:${port}/socket.io/?EIO=3&transport=websocket`,
    port,
    close,
  };
}
