// @ts-check
/**
 * A real GraphQL over WebSocket server (npm graphql-ws `useServer` on a `ws` server, subprotocol
 * graphql-transport-ws) on a free port of 127.0.0.1, for the decoder tests and the browser suites. It stops by
 * itself after `lifetimeMs`.
 *
 * Schema: the sandbox's GraphQL demo (sandbox/protocols/graphql.js). The server closes with 4408 when no
 * connection_init comes within `connectionInitWaitTimeout` (1 s here). graphql-ws servers leave pinging to the
 * application: with `pingEveryMs` this one sends `{"type":"ping"}` on that interval, as such applications do.
 */
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { demoSchema as schema } from '../../../sandbox/protocols/graphql.js';

/**
 * @param {{ lifetimeMs?: number, connectionInitWaitTimeout?: number, pingEveryMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startGraphqlWsServer(options = {}) {
  const { lifetimeMs = 120_000, connectionInitWaitTimeout = 1000, pingEveryMs = 0 } = options;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql' });
  const server = useServer({ schema, connectionInitWaitTimeout }, wss);
  if (pingEveryMs > 0) {
    wss.on('connection', (socket) => {
      const pinger = setInterval(() => socket.send(JSON.stringify({ type: 'ping' })), pingEveryMs);
      socket.once('close', () => clearInterval(pinger));
    });
  }
  await new Promise((resolve) => wss.once('listening', () => resolve(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (wss.address()).port;

  let closing;
  const close = () =>
    (closing ??= (async () => {
      clearTimeout(lifetime);
      await server.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(() => resolve(undefined)));
    })());
  const lifetime = setTimeout(close, lifetimeMs);
  lifetime.unref();
  return { url: `ws://127.0.0.1:${port}/graphql`, port, close };
}
