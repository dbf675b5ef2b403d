// @ts-check
/**
 * SockJS (npm sockjs): an echo service, the demo the sandbox serves under /sockjs and the test servers
 * (tests/shared/protocol-servers/sockjs.js) under /echo. A message `close` makes the server close the session with
 * 3000 "Go away!", as sockjs-protocol's tests do (a number: @types/sockjs types the code as a string, and sockjs
 * writes it into the `c[…]` frame as it is given).
 */
import sockjs from 'sockjs';

/**
 * What sockjs 0.3.24 offers beyond @types/sockjs: faye-websocket's options, and the handler installHandlers puts on
 * an HTTP server's `request` and `upgrade` events (it returns false for a path outside its prefix).
 * @typedef {import('sockjs').ServerOptions & { faye_server_options?: { maxLength: number } }} Options
 * @typedef {(request: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => boolean} Handler
 * @typedef {import('sockjs').Server & { middleware: (options: Options) => Handler }} Server
 */

/**
 * @param {number} maxPayload the largest message a client may send
 * @returns {{ server: Server, destroyAll: () => void }}
 */
export function sockJsEcho(maxPayload) {
  const server = /** @type {Server} */ (
    sockjs.createServer(
      /** @type {Options} */ ({
        log: () => undefined,
        // faye-websocket, under sockjs, closes a connection whose message is over maxLength.
        faye_server_options: { maxLength: maxPayload },
      }),
    )
  );
  /** @type {Set<import('sockjs').Connection>} */
  const connections = new Set();
  server.on('connection', (connection) => {
    connections.add(connection);
    connection.on('data', (message) =>
      message === 'close'
        ? connection.close(/** @type {string} */ (/** @type {unknown} */ (3000)), 'Go away!')
        : connection.write(message),
    );
    connection.on('close', () => connections.delete(connection));
  });
  return { server, destroyAll: () => connections.forEach((connection) => connection.destroy()) };
}

/**
 * @param {import('../limits.js').Limits} caps
 * @returns {import('./hosts.js').Host}
 */
export function sockJsHost(caps) {
  const { server, destroyAll } = sockJsEcho(caps.maxChatPayload);
  // The handler sockjs installs on an HTTP server's `upgrade` event; the sandbox calls it once it has checked the
  // handshake, for paths under /sockjs only.
  const handle = server.middleware({ prefix: '/sockjs' });
  return {
    upgrade: (request, socket, head) => void handle(request, socket, head),
    close: async () => destroyAll(),
  };
}
