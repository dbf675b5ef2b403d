// @ts-check
/**
 * /stream?count=&rate=&size=&binary=: pushes `count` messages, `rate` per second or as fast as the reader takes
 * them. A request over a cap is closed with 1008 and a reason naming the cap, never silently trimmed: a person
 * reading the close reason should learn what the sandbox will do.
 */
import { setTimeout as delay } from 'node:timers/promises';

/**
 * @typedef {object} StreamRequest
 * @property {number} count
 * @property {number} rate messages per second; 0 for as fast as the reader takes them
 * @property {number | undefined} size bytes per message; undefined for the default ticks
 * @property {boolean} isBinary
 */

const MiB = 1024 * 1024;

/** Bytes a WebSocket frame header may add to a message sent by the server. */
const FRAME_HEADER = 10;

/**
 * @param {URLSearchParams} params
 * @param {import('./limits.js').Limits} limits
 * @returns {StreamRequest | { refusal: string }}
 */
export function readStreamRequest(params, limits) {
  const count = wholeNumber(params, 'count', 100, limits.maxStreamCount);
  const rate = wholeNumber(params, 'rate', 0, limits.maxRate);
  const size = params.has('size') ? wholeNumber(params, 'size', 100, limits.maxMessageSize) : undefined;
  for (const value of [count, rate, size]) if (typeof value === 'string') return { refusal: value };
  const request = {
    count: /** @type {number} */ (count),
    rate: /** @type {number} */ (rate),
    size: /** @type {number | undefined} */ (size),
    isBinary: params.get('binary') === '1' || params.get('binary') === 'true',
  };
  const total = request.count * (messageSize(request) + FRAME_HEADER);
  if (total > limits.maxStreamBytes) {
    return {
      refusal: `count × size is ${inMiB(total)}; one request may ask for at most ${inMiB(limits.maxStreamBytes)}`,
    };
  }
  return request;
}

/**
 * @param {import('ws').WebSocket} ws
 * @param {StreamRequest} request
 * @param {import('./flow.js').Outbox} outbox
 */
export async function stream(ws, request, outbox) {
  const started = performance.now();
  for (let seq = 0; seq < request.count; seq++) {
    if (request.rate > 0) {
      // Sleeping until each message is due cannot keep 10,000/s; sending all that are due after one sleep can.
      const early = started + (seq * 1000) / request.rate - performance.now();
      if (early > 0) await delay(Math.max(early, 10));
    }
    // The next message is made only when the reader has taken the last ones: nothing piles up in memory.
    if (!outbox.ready) await outbox.whenReady();
    if (outbox.closed || ws.readyState !== ws.OPEN) return;
    outbox.send(makeMessage(request, seq), request.isBinary);
  }
}

/**
 * The size of the request's largest message, without making it.
 * @param {StreamRequest} request
 */
function messageSize(request) {
  if (request.size !== undefined) return request.size;
  return request.isBinary ? 16 : Buffer.byteLength(textMessage(Math.max(0, request.count - 1), undefined));
}

/**
 * @param {StreamRequest} request
 * @param {number} seq
 */
function makeMessage(request, seq) {
  return request.isBinary ? binaryMessage(seq, request.size) : textMessage(seq, request.size);
}

/**
 * A price tick, or with `size` a JSON object padded to that many bytes.
 * @param {number} seq
 * @param {number | undefined} size
 */
function textMessage(seq, size) {
  if (size === undefined) {
    return JSON.stringify({ seq, type: 'tick', price: Math.round(10000 + 500 * Math.sin(seq / 50)) / 100 });
  }
  const head = `{"seq":${seq},"pad":"`;
  const room = size - head.length - 2;
  if (room < 0) return String(seq).padStart(size, '0').slice(-size);
  // Written straight into one buffer (sent as text): a 64 MiB string would be copied twice on its way out.
  const bytes = Buffer.allocUnsafe(size);
  bytes.write(head, 0, 'latin1');
  bytes.fill('x', head.length, size - 2);
  bytes.write('"}', size - 2, 'latin1');
  return bytes;
}

/**
 * The sequence number in the first four bytes, then bytes counting up.
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
 * @param {URLSearchParams} params
 * @param {string} name
 * @param {number} fallback
 * @param {number} max
 * @returns {number | string} the value, or why it is refused
 */
function wholeNumber(params, name, fallback, max) {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    return `${name} must be a whole number from 0 to ${max}, not ${text.slice(0, 24)}`;
  }
  return value;
}

/** @param {number} bytes */
function inMiB(bytes) {
  return `${Math.round(bytes / MiB).toLocaleString('en')} MiB`;
}
