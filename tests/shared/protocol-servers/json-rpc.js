// @ts-check
/**
 * A real JSON-RPC 2.0 server (npm json-rpc-2.0's JSONRPCServer) over a `ws` WebSocket server on a free port of
 * 127.0.0.1, for the decoder tests and the browser suites. It stops by itself after `lifetimeMs`.
 *
 * Methods: the sandbox's JSON-RPC demo (sandbox/protocols/json-rpc.js).
 */
import { WebSocketServer } from 'ws';
import { jsonRpcDemo } from '../../../sandbox/protocols/json-rpc.js';

/**
 * @param {{ lifetimeMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startJsonRpcServer(options = {}) {
  const { lifetimeMs = 120_000 } = options;
  const serve = jsonRpcDemo();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', serve);
  await new Promise((resolve) => wss.once('listening', () => resolve(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (wss.address()).port;

  let closing;
  const close = () =>
    (closing ??= new Promise((resolve) => {
      clearTimeout(lifetime);
      for (const client of wss.clients) client.terminate();
      wss.close(() => resolve(undefined));
    }));
  const lifetime = setTimeout(close, lifetimeMs);
  lifetime.unref();
  return { url: `ws://127.0.0.1:${port}/rpc`, port, close };
}
