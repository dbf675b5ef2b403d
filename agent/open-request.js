// @ts-check
/**
 * Checks an `open` message from the app and turns it into what upstream.js needs. Everything the app sends is
 * untrusted input: a wrong type or a header HTTP forbids is refused with a message that says which.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';

/** Headers the WebSocket handshake itself sets: letting the user override them would break the handshake. */
const HANDSHAKE_HEADERS = new Set([
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
]);

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;
/** The most the app may ask for: its own socket to the agent accepts frames this big plus the header. */
export const MAX_FRAME_BYTES_LIMIT = 256 * 1024 * 1024;

/**
 * @typedef {object} TlsOptions
 * @property {string} [ca] PEM text of an extra CA to trust
 * @property {string} [insecureHost] the one host name whose certificate is not checked
 * @property {string} [cert] PEM client certificate (mTLS)
 * @property {string} [key] PEM private key of the client certificate
 */

/**
 * @typedef {object} UpstreamRequest
 * @property {URL} url
 * @property {string[]} protocols
 * @property {[string, string][]} headers
 * @property {TlsOptions} tls
 * @property {boolean} perMessageDeflate
 * @property {number} maxFrameBytes
 * @property {number} connectTimeoutMs
 * @property {number} pingEverySeconds 0 for never
 */

/**
 * @param {Record<string, unknown>} message
 * @returns {{ ok: true, request: UpstreamRequest } | { ok: false, code: string, message: string }}
 */
export function parseOpenRequest(message) {
  const fail = (/** @type {string} */ code, /** @type {string} */ text) => ({
    ok: /** @type {const} */ (false),
    code,
    message: text,
  });
  let url;
  try {
    url = new URL(String(message.url));
  } catch {
    return fail('bad-url', 'The URL is not a valid URL.');
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    return fail('bad-url', 'The URL must start with ws:// or wss://.');
  if (url.hash) return fail('bad-url', 'A WebSocket URL cannot have a #fragment.');

  const protocols = message.protocols ?? [];
  if (!Array.isArray(protocols) || !protocols.every((p) => typeof p === 'string')) {
    return fail('bad-request', 'protocols must be a list of strings.');
  }

  const headers = message.headers ?? [];
  if (!Array.isArray(headers)) return fail('bad-request', 'headers must be a list of [name, value] pairs.');
  for (const pair of headers) {
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== 'string' ||
      typeof pair[1] !== 'string'
    ) {
      return fail('bad-request', 'headers must be a list of [name, value] pairs of strings.');
    }
    const problem = headerProblem(pair[0], pair[1]);
    if (problem) return fail('bad-header', problem);
  }

  const tls = message.tls ?? {};
  if (typeof tls !== 'object' || tls === null) return fail('bad-request', 'tls must be an object.');
  const tlsOptions = /** @type {Record<string, unknown>} */ (tls);
  for (const field of ['ca', 'insecureHost', 'cert', 'key']) {
    if (tlsOptions[field] !== undefined && typeof tlsOptions[field] !== 'string') {
      return fail('bad-request', `tls.${field} must be text.`);
    }
  }
  if ((tlsOptions.cert === undefined) !== (tlsOptions.key === undefined)) {
    return fail('bad-request', 'A client certificate needs its key, and a key its certificate.');
  }

  const maxFrameBytes = numberIn(message.maxFrameBytes, DEFAULT_MAX_FRAME_BYTES, 1, MAX_FRAME_BYTES_LIMIT);
  const connectTimeoutMs = numberIn(message.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, 100, 120_000);
  const pingEverySeconds = numberIn(message.pingEverySeconds, 0, 0, 86_400);
  if (maxFrameBytes === null || connectTimeoutMs === null || pingEverySeconds === null) {
    return fail(
      'bad-request',
      'maxFrameBytes, connectTimeoutMs and pingEverySeconds must be numbers in range.',
    );
  }

  return {
    ok: true,
    request: {
      url,
      protocols: /** @type {string[]} */ (protocols),
      headers: /** @type {[string, string][]} */ (headers),
      tls: /** @type {TlsOptions} */ (tlsOptions),
      perMessageDeflate: message.perMessageDeflate !== false,
      maxFrameBytes,
      connectTimeoutMs,
      pingEverySeconds,
    },
  };
}

/**
 * Says which header would be refused, by its name only: a value may be a secret.
 * @param {string} name
 * @param {string} value
 */
function headerProblem(name, value) {
  if (HANDSHAKE_HEADERS.has(name.toLowerCase())) {
    return `The header ${name} is set by the WebSocket handshake itself (subprotocols go in their own field).`;
  }
  try {
    validateHeaderName(name);
  } catch {
    return `The header name ${JSON.stringify(name.slice(0, 64))} holds a character HTTP forbids.`;
  }
  try {
    validateHeaderValue(name, value);
  } catch {
    return `The value of the header ${name} holds a character HTTP forbids (such as a line break).`;
  }
  return null;
}

/**
 * @param {unknown} value
 * @param {number} fallback used when the value is absent
 * @param {number} min
 * @param {number} max
 */
function numberIn(value, fallback, min, max) {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : null;
}
