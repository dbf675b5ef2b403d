// @ts-check
/**
 * A real Socket.IO 4 server (npm socket.io, WebSocket transport only) on a free port of 127.0.0.1, for the decoder
 * tests and the browser suites, serving the sandbox's Socket.IO demo (sandbox/protocols/socket-io.js). It stops by
 * itself after `lifetimeMs`, so a failed test never leaves it running.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serveSocketIoDemo } from '../../../sandbox/protocols/socket-io.js';

/**
 * @param {{ pingInterval?: number, pingTimeout?: number, allowEIO3?: boolean, lifetimeMs?: number }} [options]
 * @returns {Promise<{ url: string, urlEio3: string, port: number, close: () => Promise<void> }>}
 */
export async function startSocketIoServer(options = {}) {
  const { pingInterval = 25_000, pingTimeout = 20_000, allowEIO3 = true, lifetimeMs = 120_000 } = options;
  const httpServer = createServer();
  const io = new Server(httpServer, { transports: ['websocket'], pingInterval, pingTimeout, allowEIO3 });
  serveSocketIoDemo(io);

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
