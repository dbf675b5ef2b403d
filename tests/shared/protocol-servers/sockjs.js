// @ts-check
/**
 * A real SockJS server (npm `sockjs` 0.3.24) on a node http server at 127.0.0.1, serving the sandbox's SockJS echo
 * (sandbox/protocols/sockjs.js) at `/echo`.
 */
import { createServer } from 'node:http';
import { sockJsEcho } from '../../../sandbox/protocols/sockjs.js';

/** @returns {Promise<{ url: string, close: () => Promise<void> }>} url: the raw WebSocket endpoint of one session */
export async function startSockJsServer() {
  const { server, destroyAll } = sockJsEcho(1024 * 1024);
  const http = createServer();
  server.installHandlers(http, { prefix: '/echo' });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (http.address());
  return {
    url: `ws://127.0.0.1:${port}/echo/000/abcdefgh/websocket`,
    close: () =>
      new Promise((resolve) => {
        destroyAll();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
