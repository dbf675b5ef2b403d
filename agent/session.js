// @ts-check
/**
 * One app socket: authenticates it, then carries any number of upstream connections over it. Control messages are
 * JSON text; data frames are binary (frame-header.js). Both directions are paced by FlowGates, so a slow app or a
 * slow server makes the agent pause its source instead of buffering without bound.
 */
import { FrameBatch } from './batch.js';
import { FLAG_BINARY, FLAG_COMPRESSED, FLAG_INBOUND, readFrames } from './frame-header.js';
import { describeFailure } from './failures.js';
import { FlowGate } from './flow.js';
import { tokensMatch } from './guard.js';
import { parseOpenRequest } from './open-request.js';
import { openUpstream } from './upstream.js';

export const PROTOCOL_VERSION = 1;
const AUTH_TIMEOUT_MS = 5000;
const MAX_CONNECTIONS_PER_SESSION = 64;
/** Policy violation: the code for every refusal of the app socket. */
const REFUSED = 1008;

/**
 * @typedef {object} SessionOptions
 * @property {string} token
 * @property {import('./rate-limit.js').FailureLimiter} limiter
 * @property {string} source the rate limiter's key for this socket
 * @property {number} number shown in log lines
 * @property {(line: string) => void} log never given a token, header value or URL path
 * @property {{ high: number, low: number }} marks
 */

/**
 * @typedef {object} Link
 * @property {number} id
 * @property {import('ws').WebSocket} socket
 * @property {FlowGate} gate frames towards this server
 * @property {number} maxFrameBytes
 * @property {ReturnType<typeof setInterval> | null} pinger
 * @property {boolean} open
 */

export class AgentSession {
  #app;
  #options;
  #authenticated = false;
  /** @type {Map<number, Link>} */
  #links = new Map();
  /** Links whose server is slow: the app socket stays paused while any is here. */
  #congested = new Set();
  #toApp;
  #batch;
  #authTimer;

  /**
   * @param {import('ws').WebSocket} app
   * @param {SessionOptions} options
   */
  constructor(app, options) {
    this.#app = app;
    this.#options = options;
    this.#toApp = new FlowGate(app, options.marks, (congested) => this.#pauseServers(congested));
    this.#batch = new FrameBatch((message) => this.#toApp.send(message, true));
    this.#authTimer = setTimeout(() => this.#refuse('No token was sent in time.'), AUTH_TIMEOUT_MS);
    app.on('message', (data, isBinary) => this.#onAppMessage(/** @type {Buffer} */ (data), isBinary));
    app.on('close', () => this.#onAppGone());
    app.on('error', () => app.terminate());
  }

  /** Closes every upstream connection and then the app socket, telling the app why. */
  stop() {
    for (const [id, link] of this.#links) {
      this.#send({
        type: 'closed',
        id,
        code: 1001,
        reason: 'The agent stopped.',
        wasClean: false,
        frame: null,
        by: 'agent',
      });
      this.#dropLink(id, link);
      link.socket.close(1001, 'The agent stopped');
    }
    this.#app.close(1001, 'The agent stopped');
  }

  /**
   * @param {Buffer} data
   * @param {boolean} isBinary
   */
  #onAppMessage(data, isBinary) {
    if (!this.#authenticated) return this.#authenticate(data, isBinary);
    if (isBinary) return this.#relayToServer(data);
    const message = parseControl(data);
    if (!message)
      return this.#send({
        type: 'error',
        code: 'bad-request',
        message: 'A control message must be a JSON object with a type.',
      });
    switch (message.type) {
      case 'open':
        return this.#open(message);
      case 'close':
        return this.#close(message);
      case 'ping':
        return this.#ping(message);
      case 'settings':
        return this.#settings(message);
      default:
        return this.#send({ type: 'error', code: 'bad-request', message: 'Unknown control message type.' });
    }
  }

  /**
   * Nothing but an `auth` message with the right token is accepted first.
   * @param {Buffer} data
   * @param {boolean} isBinary
   */
  #authenticate(data, isBinary) {
    const message = isBinary ? null : parseControl(data);
    if (message?.type !== 'auth' || !tokensMatch(this.#options.token, message.token)) {
      const failures = this.#options.limiter.recordFailure(this.#options.source);
      this.#options.log(
        `Session ${this.#options.number}: wrong or missing token (${failures} of ${this.#options.limiter.maxFailures} allowed per minute)`,
      );
      return this.#refuse('Wrong or missing agent token.');
    }
    clearTimeout(this.#authTimer);
    this.#authenticated = true;
    this.#options.log(`Session ${this.#options.number}: authenticated`);
    this.#send({ type: 'ready', v: PROTOCOL_VERSION });
  }

  /** @param {string} reason */
  #refuse(reason) {
    clearTimeout(this.#authTimer);
    this.#app.close(REFUSED, reason);
  }

  /** @param {Record<string, unknown>} message */
  #open(message) {
    const id = message.id;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffffffff) {
      return this.#send({ type: 'error', code: 'bad-request', message: 'open needs an integer id.' });
    }
    const refuse = (/** @type {string} */ code, /** @type {string} */ text) => {
      this.#send({ type: 'error', id, code, message: text });
      this.#send({ type: 'closed', id, code: 1006, reason: text, wasClean: false, frame: null, by: 'agent' });
    };
    if (this.#links.has(id))
      return this.#send({
        type: 'error',
        id,
        code: 'bad-request',
        message: `Connection ${id} is already open.`,
      });
    if (this.#links.size >= MAX_CONNECTIONS_PER_SESSION) {
      return refuse(
        'too-many',
        `At most ${MAX_CONNECTIONS_PER_SESSION} connections at once go through the agent.`,
      );
    }
    const parsed = parseOpenRequest(message);
    if (!parsed.ok) return refuse(parsed.code, parsed.message);
    const { request } = parsed;
    this.#options.log(
      `Session ${this.#options.number}: connection ${id} to ${request.url.protocol}//${request.url.host}`,
    );
    if (
      request.tls.insecureHost &&
      request.tls.insecureHost.toLowerCase() === request.url.hostname.toLowerCase()
    ) {
      this.#send({
        type: 'warning',
        id,
        message: `Certificate checks are off for ${request.url.hostname}: anyone on the path can read and change this connection.`,
      });
    }

    /** @type {import('ws').WebSocket} */
    let socket;
    try {
      socket = openUpstream(request, {
        handshake: (report) => this.#send({ type: 'handshake', id, ...report }),
        opened: (info) => {
          const link = this.#links.get(id);
          if (!link) return;
          link.open = true;
          if (this.#toApp.congested) socket?.pause();
          this.#schedulePings(link, request.pingEverySeconds);
          this.#send({ type: 'opened', id, ...info });
        },
        message: (data, isBinary, compressed) => {
          const flags = FLAG_INBOUND | (isBinary ? FLAG_BINARY : 0) | (compressed ? FLAG_COMPRESSED : 0);
          this.#batch.add(id, flags, data);
        },
        control: (kind, dir, data) => this.#send({ type: kind, id, dir, b64: data.toString('base64') }),
        failed: (failure) => {
          if (this.#links.has(id))
            this.#send({ type: 'error', id, code: failure.code, message: failure.message });
        },
        closed: (report) => {
          const link = this.#links.get(id);
          if (!link) return;
          this.#dropLink(id, link);
          this.#options.log(`Session ${this.#options.number}: connection ${id} closed (${report.code})`);
          this.#send({ type: 'closed', id, ...report });
        },
      });
    } catch (error) {
      // ws checks the URL and subprotocols (and Node the headers) before anything is sent.
      return refuse(
        'bad-request',
        `The request was refused before sending: ${describeFailure(error).message}`,
      );
    }
    /** @type {Link} */
    const link = {
      id,
      socket,
      gate: new FlowGate(socket, this.#options.marks, (congested) => this.#serverCongested(link, congested)),
      maxFrameBytes: request.maxFrameBytes,
      pinger: null,
      open: false,
    };
    this.#links.set(id, link);
  }

  /** @param {Buffer} data */
  #relayToServer(data) {
    const wellFormed = readFrames(data, (id, flags, payload) =>
      this.#relayFrame(id, (flags & FLAG_BINARY) !== 0, payload),
    );
    if (!wellFormed)
      this.#send({
        type: 'error',
        code: 'bad-request',
        message: 'A data message is shorter than its headers say.',
      });
  }

  /**
   * @param {number} id
   * @param {boolean} binary
   * @param {Buffer} payload
   */
  #relayFrame(id, binary, payload) {
    const link = this.#links.get(id);
    if (!link?.open) {
      return this.#send({
        type: 'error',
        id,
        code: 'not-open',
        message: 'The frame was not sent: the connection is not open.',
      });
    }
    if (payload.length > link.maxFrameBytes) {
      return this.#send({
        type: 'error',
        id,
        code: 'frame-not-sent',
        message: `The frame was not sent: ${payload.length} bytes is over the limit of ${link.maxFrameBytes}.`,
      });
    }
    link.gate.send(payload, binary);
  }

  /** @param {Record<string, unknown>} message */
  #close(message) {
    const link = this.#linkFor(message);
    if (!link) return;
    const code = typeof message.code === 'number' ? message.code : 1000;
    const reason = typeof message.reason === 'string' ? message.reason : '';
    try {
      link.socket.close(code, reason);
    } catch (error) {
      // ws checks the code (1000, 3000–4999…) and the reason's length; the app hears why instead of a crash.
      this.#send({
        type: 'error',
        id: message.id,
        code: 'bad-close',
        message: String(/** @type {Error} */ (error).message),
      });
    }
  }

  /** @param {Record<string, unknown>} message */
  #ping(message) {
    const link = this.#linkFor(message);
    if (!link?.open) return;
    const data = Buffer.from(typeof message.data === 'string' ? message.data : '', 'utf8');
    if (data.length > 125)
      return this.#send({
        type: 'error',
        id: message.id,
        code: 'bad-ping',
        message: 'A ping carries at most 125 bytes.',
      });
    this.#sendPing(/** @type {number} */ (message.id), link, data);
  }

  /** @param {Record<string, unknown>} message */
  #settings(message) {
    const link = this.#linkFor(message);
    const seconds = message.pingEverySeconds;
    if (!link || typeof seconds !== 'number' || !(seconds >= 0 && seconds <= 86_400)) return;
    this.#schedulePings(link, seconds);
  }

  /**
   * @param {Link} link
   * @param {number} seconds 0 stops the pings
   */
  #schedulePings(link, seconds) {
    if (link.pinger) clearInterval(link.pinger);
    link.pinger = null;
    if (seconds <= 0 || !link.open) return;
    link.pinger = setInterval(() => this.#sendPing(link.id, link, Buffer.alloc(0)), seconds * 1000);
  }

  /**
   * @param {number} id
   * @param {Link} link
   * @param {Buffer} data
   */
  #sendPing(id, link, data) {
    link.socket.ping(data);
    this.#send({ type: 'ping', id, dir: 'out', b64: data.toString('base64') });
  }

  /** @param {Record<string, unknown>} message */
  #linkFor(message) {
    const link = typeof message.id === 'number' ? this.#links.get(message.id) : undefined;
    if (!link) this.#send({ type: 'error', code: 'not-open', message: 'No such connection.' });
    return link;
  }

  /**
   * @param {number} id
   * @param {Link} link
   */
  #dropLink(id, link) {
    if (link.pinger) clearInterval(link.pinger);
    this.#links.delete(id);
    this.#serverCongested(link, false);
  }

  /** @param {boolean} congested */
  #pauseServers(congested) {
    for (const link of this.#links.values()) {
      if (congested) link.socket.pause();
      else link.socket.resume();
    }
  }

  /**
   * @param {Link} link
   * @param {boolean} congested
   */
  #serverCongested(link, congested) {
    const before = this.#congested.size;
    if (congested) this.#congested.add(link);
    else this.#congested.delete(link);
    if (before === 0 && this.#congested.size > 0) this.#app.pause();
    if (before > 0 && this.#congested.size === 0) this.#app.resume();
  }

  /** Control messages go through the same gate as frames, after any batched frame, so they never overtake one. @param {object} message */
  #send(message) {
    this.#batch.flush();
    this.#toApp.send(JSON.stringify(message), false);
  }

  #onAppGone() {
    clearTimeout(this.#authTimer);
    for (const [id, link] of this.#links) {
      this.#dropLink(id, link);
      link.socket.close(1001, 'The app went away');
    }
    if (this.#authenticated) this.#options.log(`Session ${this.#options.number}: ended`);
  }
}

/**
 * @param {Buffer} data
 * @returns {Record<string, unknown> | null}
 */
function parseControl(data) {
  try {
    const value = JSON.parse(data.toString('utf8'));
    return typeof value === 'object' && value !== null && typeof value.type === 'string' ? value : null;
  } catch {
    return null;
  }
}
