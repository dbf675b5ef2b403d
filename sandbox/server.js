// @ts-check
/**
 * The sandbox: a WebSocket server with one path per behaviour a person (or a test) wants to try.
 * Every path negotiates subprotocols: it accepts the first offered one it knows.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

export const KNOWN_PROTOCOLS = ['chat.v1', 'json.v1', 'echo.v1'];

/** A 4×4 PNG, so the binary path shows a real file format in the hex dump. */
const SMALL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAKUlEQVR4nA3HMQEAAAzCMIQhDGEVUVlbviSxcZGY1NZV+pmdm+yDxSF4F/IXwWmvaVAAAAAASUVORK5CYII=',
  'base64',
);

/** Above this many queued bytes a fast stream waits for the socket to drain. */
const HIGH_WATER_MARK = 1 << 20;

export const PATHS = {
  '/echo': 'echoes every message, text as text and binary as binary',
  '/chat?name=': 'a chat room: every message goes to everyone, with join and leave notices',
  '/stream?count=&rate=&size=&binary=': 'pushes count messages at rate per second, or as fast as possible',
  '/binary': 'sends bytes 0-255, a small PNG and random bytes, then echoes',
  '/close?code=&reason=': 'sends one message, then closes with that code and reason',
  '/drop': 'sends one message, then cuts the TCP connection (the browser sees 1006)',
  '/protocol-required': `refuses a handshake that offers none of ${KNOWN_PROTOCOLS.join(', ')}`,
};

/**
 * @param {{ host?: string, port?: number }} [options]
 * @returns {Promise<{ port: number, host: string, url: string, close: () => Promise<void> }>}
 */
export async function startSandbox({ host = '127.0.0.1', port = 8787 } = {}) {
  const chat = new ChatRoom();
  const wss = new WebSocketServer({
    noServer: true,
    // The client lists subprotocols in its order of preference; honour that order.
    handleProtocols: (offered) => [...offered].find((p) => KNOWN_PROTOCOLS.includes(p)) ?? false,
    maxPayload: 256 * 1024 * 1024,
  });

  const http = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(describe(`ws://${request.headers.host}`));
  });

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'ws://sandbox');
    if (!ROUTES.has(url.pathname)) return refuse(socket, 404, `No sandbox path ${url.pathname}`);
    if (
      url.pathname === '/protocol-required' &&
      !offersKnownProtocol(request.headers['sec-websocket-protocol'])
    ) {
      return refuse(socket, 400, `Offer one of these subprotocols: ${KNOWN_PROTOCOLS.join(', ')}`);
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      const handle = /** @type {Handler} */ (ROUTES.get(url.pathname));
      handle(ws, url.searchParams, chat);
    });
  });

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (http.address());
  return {
    host,
    port: address.port,
    url: `ws://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

/** @param {string} base */
export function describe(base) {
  return Object.entries(PATHS)
    .map(([path, what]) => `${base}${path.padEnd(36)} ${what}`)
    .join('\n');
}

/** @param {string | undefined} header */
function offersKnownProtocol(header) {
  return (header ?? '').split(',').some((p) => KNOWN_PROTOCOLS.includes(p.trim()));
}

/**
 * @param {import('node:stream').Duplex} socket
 * @param {number} status
 * @param {string} message
 */
function refuse(socket, status, message) {
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
  );
}

/** @typedef {(ws: import('ws').WebSocket, params: URLSearchParams, chat: ChatRoom) => void} Handler */

/** @param {import('ws').WebSocket} ws */
function echo(ws) {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
}

/** @param {import('ws').WebSocket} ws */
function binary(ws) {
  ws.send(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  ws.send(SMALL_PNG);
  ws.send(randomBytes(64));
  echo(ws);
}

/** @type {Handler} */
function closeWith(ws, params) {
  const code = Number(params.get('code') ?? 1000);
  const reason = params.get('reason') ?? '';
  const sendable =
    code === 1000 ||
    (code >= 1001 && code <= 1014 && ![1004, 1005, 1006].includes(code)) ||
    (code >= 3000 && code <= 4999);
  if (!sendable || Buffer.byteLength(reason) > 123) {
    ws.send(
      `A server cannot close with code ${code} and a ${Buffer.byteLength(reason)}-byte reason; closing with 1000.`,
    );
    ws.close(1000);
    return;
  }
  ws.send(`Closing with code ${code}${reason ? ` and reason “${reason}”` : ''}.`);
  ws.close(code, reason);
}

/** @param {import('ws').WebSocket} ws */
function drop(ws) {
  ws.send('Dropping the TCP connection without a close frame.', () => ws.terminate());
}

/** @type {Handler} */
function stream(ws, params) {
  const count = clampedInt(params.get('count'), 100, 0, 100_000_000);
  const rate = clampedInt(params.get('rate'), 0, 0, 1_000_000);
  const size = params.has('size') ? clampedInt(params.get('size'), 100, 0, 64 * 1024 * 1024) : undefined;
  const isBinary = params.get('binary') === '1' || params.get('binary') === 'true';
  const message = isBinary ? binaryMessage : textMessage;
  let seq = 0;

  if (rate > 0) {
    // A timer per message cannot keep 10,000/s, so each tick sends what the elapsed time calls for.
    const started = performance.now();
    const timer = setInterval(() => {
      const due = Math.min(count, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      while (seq < due && ws.readyState === ws.OPEN) ws.send(message(seq++, size), { binary: isBinary });
      if (seq >= count || ws.readyState !== ws.OPEN) clearInterval(timer);
    }, 10);
    ws.on('close', () => clearInterval(timer));
    return;
  }

  const pump = () => {
    while (seq < count && ws.readyState === ws.OPEN) {
      const last = seq === count - 1 || ws.bufferedAmount > HIGH_WATER_MARK;
      // The send callback fires once the data is written to the socket: waiting for it is our backpressure.
      ws.send(message(seq++, size), { binary: isBinary }, last ? () => setImmediate(pump) : undefined);
      if (last) return;
    }
  };
  pump();
}

/**
 * @param {number} seq
 * @param {number | undefined} size
 */
function textMessage(seq, size) {
  const body = JSON.stringify({
    seq,
    type: 'tick',
    price: Math.round(10000 + 500 * Math.sin(seq / 50)) / 100,
  });
  if (size === undefined) return body;
  const head = `{"seq":${seq},"pad":"`;
  const room = size - head.length - 2;
  return room >= 0 ? `${head}${'x'.repeat(room)}"}` : String(seq).padStart(size, '0').slice(-size);
}

/**
 * @param {number} seq
 * @param {number | undefined} size
 */
function binaryMessage(seq, size = 16) {
  const bytes = Buffer.alloc(size);
  for (let i = 4; i < size; i++) bytes[i] = i & 0xff;
  if (size >= 4) bytes.writeUInt32BE(seq >>> 0, 0);
  return bytes;
}

/**
 * @param {string | null} text
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function clampedInt(text, fallback, min, max) {
  const value = Number.parseInt(text ?? '', 10);
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

class ChatRoom {
  /** @type {Map<import('ws').WebSocket, string>} */
  #members = new Map();
  #joined = 0;

  /**
   * @param {import('ws').WebSocket} ws
   * @param {URLSearchParams} params
   */
  join(ws, params) {
    const name = (params.get('name') ?? '').trim().slice(0, 32) || `guest-${++this.#joined}`;
    this.#members.set(ws, name);
    ws.send(JSON.stringify({ type: 'welcome', name, members: [...this.#members.values()] }));
    this.#broadcast(JSON.stringify({ type: 'join', name, count: this.#members.size }), false);
    ws.on('message', (data, isBinary) => {
      if (isBinary) this.#broadcast(/** @type {Buffer} */ (data), true);
      else this.#broadcast(JSON.stringify({ type: 'message', from: name, text: data.toString() }), false);
    });
    ws.on('close', () => {
      this.#members.delete(ws);
      this.#broadcast(JSON.stringify({ type: 'leave', name, count: this.#members.size }), false);
    });
  }

  /**
   * @param {string | Buffer} data
   * @param {boolean} isBinary
   */
  #broadcast(data, isBinary) {
    for (const member of this.#members.keys()) {
      if (member.readyState === member.OPEN) member.send(data, { binary: isBinary });
    }
  }
}

const ROUTES = new Map(
  /** @type {[string, Handler][]} */ ([
    ['/echo', echo],
    ['/chat', (ws, params, chat) => chat.join(ws, params)],
    ['/stream', stream],
    ['/binary', binary],
    ['/close', closeWith],
    ['/drop', drop],
    ['/protocol-required', echo],
  ]),
);
