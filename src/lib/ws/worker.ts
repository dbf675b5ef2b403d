/**
 * The socket worker: owns one WebSocket, so receiving never waits behind the page's rendering or its writes to
 * IndexedDB. The page's side is WorkerSocket (worker-socket.ts); the work is socket-service.ts.
 */
import { preciseNow } from '../model/frame';
import type { PagePort } from './socket-service';
import { serveSocket } from './socket-service';

serveSocket(self as unknown as PagePort, {
  createSocket: (url, protocols) => new WebSocket(url, protocols),
  now: preciseNow,
  setTimer: (callback, ms) => setTimeout(callback, ms),
});
