// @ts-check
/**
 * Which pages may open the sandbox's sockets. Browsers apply no CORS to WebSockets, but they always send the
 * page's Origin with the handshake and never let a page forge it: the Origin is what tells pages apart.
 *
 * - No Origin: not a browser page (a test, wscat, curl). Accepted everywhere.
 * - An origin given with --allow-origin (the app's own: `npm start` and `npm run dev` pass theirs). Accepted
 *   everywhere.
 * - Any other loopback origin: a page served from this machine. Accepted everywhere but /chat and /stomp, whose
 *   traffic belongs to the people in the room: another local page (a dev server, a tool) may not read it.
 * - Anything else, `null` included (sandboxed frames, file: pages, which any site can create): refused.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Paths whose traffic only the allowed origins may read: /stomp's destinations are shared like /chat's room. */
const PRIVATE_PATHS = new Set(['/chat', '/stomp']);

/**
 * The origin as browsers send it (`http://localhost:4173`), or `null` for the opaque origin.
 * @param {string} text
 * @returns {string} the normalized origin
 * @throws {Error} when `text` is not an http(s) origin
 */
export function parseOrigin(text) {
  const trimmed = text.trim();
  if (trimmed === 'null') return 'null';
  let url;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`"${text}" is not an origin: write it like http://localhost:4173`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`"${text}" is not an http(s) origin: write it like http://localhost:4173`);
  }
  return url.origin;
}

/** @param {string} origin a normalized origin */
export function isLoopbackOrigin(origin) {
  if (origin === 'null') return false;
  const url = new URL(origin);
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * The origins of a page served on `port` of this machine, under the names a person types.
 * @param {number} port
 */
export function loopbackOrigins(port) {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

export class OriginPolicy {
  /** @type {ReadonlySet<string>} */
  #allowed;

  /** @param {readonly string[]} allowed origins accepted on every path, normalized here */
  constructor(allowed) {
    this.#allowed = new Set(allowed.map(parseOrigin));
  }

  get allowed() {
    return [...this.#allowed];
  }

  /**
   * @param {string | undefined} header the handshake's Origin header
   * @param {string} path
   * @returns {string | undefined} why the handshake is refused, or undefined to accept it
   */
  refusal(header, path) {
    if (header === undefined) return undefined;
    let origin;
    try {
      origin = parseOrigin(header);
    } catch {
      return `The sandbox does not accept pages from origin ${header}.`;
    }
    if (this.#allowed.has(origin)) return undefined;
    if (PRIVATE_PATHS.has(path)) {
      return (
        `${path} is only open to the app's own origin, not ${origin}: ` +
        `start the sandbox with --allow-origin ${origin} to let that page in.`
      );
    }
    if (isLoopbackOrigin(origin)) return undefined;
    return (
      `The sandbox only accepts pages served from this machine (localhost, 127.0.0.1, [::1]), not ${origin}: ` +
      `start it with --allow-origin ${origin} to let that page in.`
    );
  }
}
