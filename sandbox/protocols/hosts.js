// @ts-check
/**
 * The sandbox's protocol paths: real npm implementations of the protocols the app decodes, each with a small demo.
 * Each is a Host that takes over a handshake once the sandbox (../server.js) has checked its origin and caps.
 */
import { WebSocketServer } from 'ws';
import { graphqlHost } from './graphql.js';
import { jsonRpcDemo } from './json-rpc.js';
import { socketIoHost } from './socket-io.js';
import { sockJsHost } from './sockjs.js';
import { stompBroker, stompProtocols } from './stomp-broker.js';

/**
 * @typedef {object} Host
 * @property {(request: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void} upgrade
 * @property {() => Promise<void>} close ends every connection it holds
 */

/**
 * @typedef {object} ProtocolRoute
 * @property {string} path the path, or the prefix of the paths, it answers
 * @property {string} usage a URL to try, after the server's base
 * @property {string} does
 * @property {(caps: import('../limits.js').Limits) => Host} start
 */

/** @type {readonly ProtocolRoute[]} */
export const PROTOCOL_ROUTES = [
  {
    path: '/socket.io',
    usage: '/socket.io/?EIO=4&transport=websocket',
    does: 'Socket.IO 4: emit chat (with or without an ack) and it comes back; also on namespace /admin',
    start: socketIoHost,
  },
  {
    path: '/graphql',
    usage: '/graphql',
    does: 'GraphQL over WebSocket: query { hello }, subscription { count(to: 5, every: 1000) }',
    start: graphqlHost,
  },
  {
    path: '/json-rpc',
    usage: '/json-rpc',
    does: 'JSON-RPC 2.0: add [2,3], echo, subscribe {"count":5,"every":1000} sends notifications',
    start: (caps) => wsHost(caps, jsonRpcDemo()),
  },
  {
    path: '/stomp',
    usage: '/stomp',
    does: 'a STOMP 1.0-1.2 broker (v12.stomp): SUBSCRIBE then SEND to the same destination',
    start: (caps) => wsHost(caps, stompBroker(), stompProtocols),
  },
  {
    path: '/sockjs',
    usage: '/sockjs/000/demo/websocket',
    does: 'SockJS echo: send ["hi"], get a["hi"]; send ["close"] and it closes',
    start: sockJsHost,
  },
];

/**
 * A Host for a handler of plain `ws` sockets.
 * @param {import('../limits.js').Limits} caps
 * @param {(socket: import('ws').WebSocket) => void} serve
 * @param {(offered: Set<string>) => string | false} [handleProtocols]
 * @returns {Host}
 */
function wsHost(caps, serve, handleProtocols) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: caps.maxChatPayload, handleProtocols });
  return {
    upgrade: (request, socket, head) =>
      wss.handleUpgrade(request, socket, head, (ws) => {
        // ws closes the connection itself on a protocol error; without a listener the error would end the process.
        ws.on('error', () => {});
        serve(ws);
      }),
    close: async () => {
      for (const client of wss.clients) client.terminate();
    },
  };
}
