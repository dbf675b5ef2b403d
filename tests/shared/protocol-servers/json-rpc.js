// @ts-check
/**
 * A real JSON-RPC 2.0 server (npm json-rpc-2.0's JSONRPCServer) over a `ws` WebSocket server on a free port of
 * 127.0.0.1, for the decoder tests and the browser suites. It stops by itself after `lifetimeMs`.
 *
 * Methods: `add` ({a,b} or [a,b]) → the sum; `echo` → its params; `subscribe` ({count?}) → a subscription id,
 * then `count` (3) notifications `{"method":"subscription","params":{"subscription":id,"result":n}}` sent by
 * json-rpc-2.0's JSONRPCClient, 20 ms apart; `log` is meant as a notification and is answered by nothing.
 * Batches and parse errors are the library's. Unknown methods get -32601.
 */
import { JSONRPCClient, JSONRPCServer } from 'json-rpc-2.0';
import { WebSocketServer } from 'ws';

/**
 * @param {{ lifetimeMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startJsonRpcServer(options = {}) {
  const { lifetimeMs = 120_000 } = options;
  /** @type {JSONRPCServer<{ notify: JSONRPCClient }>} */
  const rpc = new JSONRPCServer();
  let subscriptions = 0;
  rpc.addMethod('add', (params) => {
    const [a, b] = Array.isArray(params) ? params : [params?.a, params?.b];
    return Number(a) + Number(b);
  });
  rpc.addMethod('echo', (params) => params);
  rpc.addMethod('log', () => undefined);
  rpc.addMethod('subscribe', (params, { notify }) => {
    const subscription = `sub-${++subscriptions}`;
    const count = typeof params?.count === 'number' ? params.count : 3;
    for (let n = 1; n <= count; n++) {
      setTimeout(() => notify.notify('subscription', { subscription, result: n }), 20 * n);
    }
    return subscription;
  });

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (socket) => {
    const send = (/** @type {unknown} */ payload) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
    };
    const notify = new JSONRPCClient((payload) => send(payload));
    socket.on('message', async (data) => {
      const response = await rpc.receiveJSON(data.toString('utf8'), { notify });
      if (response !== null) send(response);
    });
  });
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
