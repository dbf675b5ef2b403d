// @ts-check
/**
 * The sandbox's STOMP 1.0–1.2 broker (sandbox/protocols/stomp-broker.js) alone on a free port of 127.0.0.1, for the
 * decoder tests and the browser suites.
 */
import { WebSocketServer } from 'ws';
import { stompBroker, stompProtocols } from '../../../sandbox/protocols/stomp-broker.js';

/**
 * @param {{ heartBeat?: [number, number] }} [options] heartBeat: the server's `sx,sy` (default 10000,10000)
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStompServer(options = {}) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: stompProtocols });
  wss.on('connection', stompBroker(options));
  await new Promise((resolve) => wss.once('listening', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (wss.address());
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
