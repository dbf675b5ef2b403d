// @ts-check
/** A real agent, real ws servers, and a bare-protocol app peer for the agent's tests. */
import { once } from 'node:events';
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import {
  FLAG_BINARY,
  FLAG_COMPRESSED,
  FLAG_INBOUND,
  encodeFrame,
  readFrames,
} from '../../agent/frame-header.js';
import { startAgent } from '../../agent/server.js';

export const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstu';
export const APP_ORIGIN = 'http://localhost:4173';

/** @param {Partial<import('../../agent/server.js').AgentOptions>} [options] */
export async function startTestAgent(options = {}) {
  /** @type {string[]} */
  const logs = [];
  const agent = await startAgent({ token: TOKEN, port: 0, log: (line) => logs.push(line), ...options });
  return { ...agent, logs };
}

/**
 * A ws server on a free loopback port; `upgrade` may refuse a request by writing to the socket itself.
 * @param {(socket: WebSocket, request: import('node:http').IncomingMessage) => void} onConnection
 * @param {import('ws').ServerOptions & { upgrade?: (request: import('node:http').IncomingMessage, socket: import('node:stream').Duplex) => boolean, server?: import('node:http').Server }} [options]
 */
export async function startWsServer(onConnection, options = {}) {
  const { upgrade, server = createServer(), ...wsOptions } = options;
  const wss = new WebSocketServer({ noServer: true, ...wsOptions });
  server.on('upgrade', (request, socket, head) => {
    if (upgrade && !upgrade(request, socket)) return;
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, request));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const scheme = 'cert' in server ? 'wss' : 'ws';
  return {
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    wss,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}

/**
 * @typedef {{ type: string, id?: number, [key: string]: any }} Control
 * @typedef {{ id: number, inbound: boolean, binary: boolean, compressed: boolean, payload: Buffer }} Frame
 */

/** The app's side of the protocol, without the browser client: what the agent's tests drive. */
export class AppPeer {
  /** @type {Control[]} */
  controls = [];
  /** @type {Frame[]} */
  frames = [];
  frameCount = 0;
  /** @type {{ code: number, reason: string } | null} */
  closed = null;
  /** @type {Set<() => void>} */
  #waiters = new Set();

  /**
   * @param {WebSocket} socket
   * @param {boolean} keepFrames false to count frames without keeping them (floods)
   */
  constructor(socket, keepFrames = true) {
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      const buffer = /** @type {Buffer} */ (data);
      if (isBinary) {
        readFrames(buffer, (id, flags, payload) => {
          this.frameCount++;
          if (!keepFrames) return;
          this.frames.push({
            id,
            inbound: (flags & FLAG_INBOUND) !== 0,
            binary: (flags & FLAG_BINARY) !== 0,
            compressed: (flags & FLAG_COMPRESSED) !== 0,
            payload,
          });
        });
      } else {
        this.controls.push(JSON.parse(buffer.toString('utf8')));
      }
      this.#wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.#wake();
    });
  }

  /**
   * Opens a socket to the agent; `token: null` skips authentication.
   * @param {string} agentUrl
   * @param {{ token?: string | null, origin?: string, host?: string, keepFrames?: boolean }} [options]
   */
  static async connect(agentUrl, { token = TOKEN, origin = APP_ORIGIN, host, keepFrames = true } = {}) {
    const socket = new WebSocket(agentUrl, {
      origin,
      headers: host ? { host } : {},
      perMessageDeflate: false,
    });
    const peer = new AppPeer(socket, keepFrames);
    await once(socket, 'open');
    if (token !== null) {
      peer.send({ type: 'auth', token });
      await peer.waitFor(() => peer.controls.find((c) => c.type === 'ready'));
    }
    return peer;
  }

  /** @param {object} message */
  send(message) {
    this.socket.send(JSON.stringify(message));
  }

  /**
   * @param {number} id
   * @param {boolean} binary
   * @param {Buffer} payload
   */
  sendFrame(id, binary, payload) {
    this.socket.send(encodeFrame(id, binary ? FLAG_BINARY : 0, payload));
  }

  /**
   * @param {number} id
   * @param {string} type
   */
  control(id, type) {
    return this.waitFor(() => this.controls.find((c) => c.id === id && c.type === type));
  }

  /**
   * Resolves with the first truthy value of `probe`, checked now and after every message.
   * @template T
   * @param {() => T | undefined | null | false} probe
   * @param {number} [timeoutMs]
   * @returns {Promise<T>}
   */
  waitFor(probe, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (!value) return false;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`Timed out; controls so far: ${JSON.stringify(this.controls).slice(0, 2000)}`));
      }, timeoutMs);
      if (!check()) this.#waiters.add(check);
    });
  }

  #wake() {
    for (const check of [...this.#waiters]) check();
  }
}

/**
 * Opens an upstream connection through the agent and waits until it is open (or closed).
 * @param {AppPeer} peer
 * @param {number} id
 * @param {object} request
 */
export async function openThrough(peer, id, request) {
  peer.send({ type: 'open', id, ...request });
  return peer.waitFor(() =>
    peer.controls.find((c) => c.id === id && (c.type === 'opened' || c.type === 'closed')),
  );
}

/**
 * Resolves once `read()` has stopped growing for `quietMs` (checked every 50 ms): how a test learns that a flood
 * has been stalled by backpressure. Rejects if it is still growing after `timeoutMs`.
 * @param {() => number} read
 * @param {{ quietMs?: number, timeoutMs?: number }} [options]
 */
export function plateau(read, { quietMs = 600, timeoutMs = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    let last = read();
    let since = Date.now();
    const started = since;
    const timer = setInterval(() => {
      const now = Date.now();
      const value = read();
      if (value !== last) {
        last = value;
        since = now;
      } else if (now - since >= quietMs) {
        clearInterval(timer);
        resolve(value);
      }
      if (now - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`Still growing after ${timeoutMs} ms: ${value}`));
      }
    }, 50);
  });
}
