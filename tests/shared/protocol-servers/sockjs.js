// @ts-check
/**
 * A real SockJS server (npm `sockjs` 0.3.24) on a node http server at 127.0.0.1: an echo service at `/echo`. A
 * message `close` makes the server close the session with 3000 "Go away!", as sockjs-protocol's tests do (a number:
 * @types/sockjs types the code as a string, and sockjs writes it into the `c[…]` frame as it is given).
 */
import { createServer } from 'node:http';
import sockjs from 'sockjs';

/** @returns {Promise<{ url: string, close: () => Promise<void> }>} url: the raw WebSocket endpoint of one session */
export async function startSockJsServer() {
  const echo = sockjs.createServer({ log: () => undefined });
  /** @type {Set<import('sockjs').Connection>} */
  const connections = new Set();
  echo.on('connection', (connection) => {
    connections.add(connection);
    connection.on('data', (message) =>
      message === 'close'
        ? connection.close(/** @type {string} */ (/** @type {unknown} */ (3000)), 'Go away!')
        : connection.write(message),
    );
    connection.on('close', () => connections.delete(connection));
  });
  const http = createServer();
  echo.installHandlers(http, { prefix: '/echo' });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (http.address());
  return {
    url: `ws://127.0.0.1:${port}/echo/000/abcdefgh/websocket`,
    close: () =>
      new Promise((resolve) => {
        for (const connection of connections) connection.destroy();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
