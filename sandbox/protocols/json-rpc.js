// @ts-check
/**
 * JSON-RPC 2.0 (npm json-rpc-2.0's JSONRPCServer) over WebSocket: the demo the sandbox serves at /json-rpc, which
 * the test servers (tests/shared/protocol-servers/json-rpc.js) serve too.
 *
 * Methods: `add` ({a,b} or [a,b]) → the sum; `echo` → its params; `subscribe` ({count?, every?}) → a subscription
 * id, then `count` (3 by default, at most 1000) notifications
 * `{"method":"subscription","params":{"subscription":id,"result":n}}` sent by json-rpc-2.0's JSONRPCClient, `every`
 * ms apart (20 by default); `log` is meant as a notification and is answered by nothing. Batches and parse errors
 * are the library's. Unknown methods get -32601.
 */
import { JSONRPCClient, JSONRPCServer } from 'json-rpc-2.0';

/** The most notifications one subscription may ask for: each is a frame the server sends. */
const MAX_COUNT = 1000;

/** @typedef {import('ws').WebSocket} WebSocket */

/** @returns {(socket: WebSocket) => void} serves the demo methods on each socket it is given */
export function jsonRpcDemo() {
  /** @type {JSONRPCServer<{ notify: JSONRPCClient, timers: Set<NodeJS.Timeout> }>} */
  const rpc = new JSONRPCServer();
  let subscriptions = 0;
  rpc.addMethod('add', (params) => {
    const [a, b] = Array.isArray(params) ? params : [params?.a, params?.b];
    return Number(a) + Number(b);
  });
  rpc.addMethod('echo', (params) => params);
  rpc.addMethod('log', () => undefined);
  rpc.addMethod('subscribe', (params, { notify, timers }) => {
    const subscription = `sub-${++subscriptions}`;
    const count = Math.min(typeof params?.count === 'number' ? params.count : 3, MAX_COUNT);
    const every = Math.min(Math.max(typeof params?.every === 'number' ? params.every : 20, 0), 60_000);
    for (let n = 1; n <= count; n++) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        notify.notify('subscription', { subscription, result: n });
      }, every * n);
      timers.add(timer);
    }
    return subscription;
  });

  return (socket) => {
    const send = (/** @type {unknown} */ payload) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
    };
    const notify = new JSONRPCClient((payload) => send(payload));
    /** @type {Set<NodeJS.Timeout>} notifications not yet sent, dropped when the socket closes */
    const timers = new Set();
    socket.on('message', async (data) => {
      const response = await rpc.receiveJSON(String(data), { notify, timers });
      if (response !== null) send(response);
    });
    socket.once('close', () => timers.forEach(clearTimeout));
  };
}
