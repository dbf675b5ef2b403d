// @ts-check
/** The checks every connection to the agent passes: where it comes from, which page opened it, its token. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The app's own origins: `npm start`/preview (4173) and the dev server (5173). */
export const DEFAULT_ALLOWED_ORIGINS = [
  'http://localhost:4173',
  'http://127.0.0.1:4173',
  'http://localhost:5173',
  'http://127.0.0.1:5173',
];

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A Host header that names anything but the loopback interface means a page reached us through a DNS name that
 * now points at 127.0.0.1 (DNS rebinding): its Origin would be the attacker's name, but refuse it here too.
 * @param {string | undefined} host
 */
export function isLoopbackHost(host) {
  if (host === undefined || host === '') return false;
  try {
    const url = new URL(`http://${host}`);
    return LOOPBACK_HOSTNAMES.has(url.hostname) && url.username === '' && url.pathname === '/';
  } catch {
    return false;
  }
}

/**
 * Normalises origins given on the command line (a trailing slash, upper case) to the form browsers send.
 * @param {string[]} origins
 */
export function originSet(origins) {
  return new Set(origins.map((origin) => new URL(origin).origin));
}

/**
 * Browsers always send Origin on a WebSocket handshake, so a page can only be one of the app's origins.
 * A request without Origin is not from a browser: it is a local program, which the token still has to pass.
 * @param {string | undefined} origin
 * @param {Set<string>} allowed
 */
export function isAllowedOrigin(origin, allowed) {
  return origin === undefined || allowed.has(origin);
}

/** @param {string} text */
const digest = (text) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Constant-time comparison: both sides are hashed first so the buffers have equal length whatever was sent,
 * and the time taken says nothing about how much of the token was right.
 * @param {string} expected
 * @param {unknown} given
 */
export function tokensMatch(expected, given) {
  return timingSafeEqual(digest(expected), digest(typeof given === 'string' ? given : ''));
}
