// @ts-check
/** bench.js's server, in a worker thread: sends `count` 100-byte messages per connection as fast as it may. */
import { parentPort } from 'node:worker_threads';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('listening', () =>
  parentPort?.postMessage(/** @type {import('node:net').AddressInfo} */ (wss.address()).port),
);
wss.on('connection', (ws, request) => {
  const count = Number(new URL(request.url ?? '/', 'ws://bench').searchParams.get('count'));
  const payload = Buffer.alloc(100, 120);
  let sent = 0;
  const pump = () => {
    while (sent < count && ws.bufferedAmount < 1 << 20) {
      ws.send(payload);
      sent++;
    }
    if (sent < count) setImmediate(pump);
  };
  pump();
});
