// @ts-check
/**
 * Opens the real WebSocket with Node's `ws`, with the user's headers and TLS options, and reports what a browser
 * hides: the handshake both ways (a refused one with the start of its body), each message's opcode and whether it
 * was compressed, pings and pongs, and the close frame as it was sent.
 */
import { rootCertificates } from 'node:tls';
import WebSocket from 'ws';
import { describeFailure } from './failures.js';

/** How much of a refused upgrade's body is kept, and how long we wait for it. */
const BODY_START_BYTES = 4096;
const BODY_WAIT_MS = 2000;

/**
 * @typedef {object} HandshakeReport
 * @property {{ line: string, headers: [string, string][] }} request
 * @property {{ line: string, status: number, headers: [string, string][], bodyStart?: string, bodyTruncated?: boolean } | null} response
 * @property {{ protocol: string | null, authorized: boolean, authorizationError: string | null, peer: { subject: string, issuer: string, validFrom: string, validTo: string } | null } | null} tls
 */

/**
 * @typedef {object} CloseReport
 * @property {number} code the code the app should see (1006 when no close frame came)
 * @property {string} reason
 * @property {boolean} wasClean a close frame came back
 * @property {{ code: number | null, reason: string, payloadHex: string } | null} frame the server's close frame as sent, null when none came
 */

/**
 * @typedef {object} UpstreamEvents
 * @property {(report: HandshakeReport) => void} handshake
 * @property {(info: { protocol: string, extensions: string, compressesOutgoing: boolean }) => void} opened
 * @property {(data: Buffer, isBinary: boolean, compressed: boolean) => void} message
 * @property {(kind: 'ping' | 'pong', dir: 'in' | 'out', data: Buffer) => void} control
 * @property {(failure: import('./failures.js').Failure) => void} failed
 * @property {(report: CloseReport) => void} closed
 */

/**
 * @param {import('./open-request.js').UpstreamRequest} request
 * @param {UpstreamEvents} events
 * @returns {WebSocket} throws what ws and Node throw for a URL, subprotocol or header they refuse outright
 */
export function openUpstream(request, events) {
  /** @type {HandshakeReport['request']} */
  let sentRequest = { line: '', headers: [] };
  /** The failure already reported, so the error ws raises while we abort is not reported twice. */
  let failure = /** @type {import('./failures.js').Failure | null} */ (null);
  /** Whether the server answered the upgrade at all (101 or a refusal). */
  let answered = false;
  const fail = (/** @type {import('./failures.js').Failure} */ f) => {
    if (failure) return;
    failure = f;
    events.failed(f);
  };

  const socket = new WebSocket(request.url, request.protocols, {
    headers: groupHeaders(request.headers),
    // Browsers compress every message once permessage-deflate is agreed: so does the agent (threshold 0).
    perMessageDeflate: request.perMessageDeflate ? { threshold: 0 } : false,
    maxPayload: request.maxFrameBytes,
    handshakeTimeout: request.connectTimeoutMs,
    followRedirects: false,
    ...tlsOptions(request),
    finishRequest: (req) => {
      sentRequest = describeRequest(req);
      req.end();
    },
  });

  socket.on('upgrade', (response) => {
    answered = true;
    events.handshake({
      request: sentRequest,
      response: describeResponse(response),
      tls: describeTls(response.socket),
    });
  });

  socket.on('unexpected-response', (_req, response) => {
    answered = true;
    fail({
      code: 'handshake-refused',
      message:
        `The server refused the WebSocket upgrade: ${response.statusCode} ${response.statusMessage ?? ''}`.trim(),
    });
    // The socket is detached once the body has been read: describe the TLS session now.
    const tls = describeTls(response.socket);
    void readBodyStart(response).then((body) => {
      events.handshake({ request: sentRequest, response: { ...describeResponse(response), ...body }, tls });
      response.destroy();
      socket.terminate();
    });
  });

  socket.on('open', () => {
    events.opened({
      protocol: socket.protocol,
      extensions: socket.extensions,
      compressesOutgoing: socket.extensions.includes('permessage-deflate'),
    });
  });

  socket.on('message', (data, isBinary) => {
    events.message(/** @type {Buffer} */ (data), isBinary, wasCompressed(socket));
  });
  socket.on('ping', (data) => {
    events.control('ping', 'in', data);
    // ws answers every ping itself (autoPong), with the same payload.
    events.control('pong', 'out', data);
  });
  socket.on('pong', (data) => events.control('pong', 'in', data));

  socket.on('error', (error) => {
    // Before the upgrade a failure is all there is to the handshake: report what was sent.
    if (!answered && !failure) {
      events.handshake({ request: sentRequest, response: null, tls: null });
    }
    fail(describeFailure(error));
  });

  socket.on('close', (code, reasonBytes) => {
    const receivedFrame = code !== 1006;
    events.closed({
      // When ws fails the connection itself (a frame too big…) it sends that code and stops reading: the app
      // sees the code the agent sent, as a browser would show its own.
      code: receivedFrame ? code : (failure?.closeCode ?? 1006),
      reason: receivedFrame
        ? reasonBytes.toString('utf8')
        : (failure?.message ?? 'The connection was lost without a close frame.'),
      wasClean: receivedFrame,
      frame: receivedFrame ? closeFrame(code, reasonBytes) : null,
    });
  });

  return socket;
}

/**
 * The ws option object holds one value per name; repeated names (two Cookie lines) become an array, which Node
 * sends as separate header lines.
 * @param {[string, string][]} headers
 */
function groupHeaders(headers) {
  /** @type {Record<string, string | string[]>} */
  const grouped = {};
  for (const [name, value] of headers) {
    const earlier = grouped[name];
    grouped[name] = earlier === undefined ? value : [earlier, value].flat();
  }
  return grouped;
}

/** @param {import('./open-request.js').UpstreamRequest} request */
function tlsOptions({ url, tls }) {
  /** @type {import('node:tls').ConnectionOptions} */
  const options = {};
  // An extra CA is trusted beside the usual roots, not instead of them.
  if (tls.ca) options.ca = [...rootCertificates, tls.ca];
  if (tls.cert && tls.key) {
    options.cert = tls.cert;
    options.key = tls.key;
  }
  // Only the named host goes unchecked: the same profile pointed elsewhere is checked as usual.
  if (tls.insecureHost && tls.insecureHost.toLowerCase() === url.hostname.toLowerCase()) {
    options.rejectUnauthorized = false;
  }
  return options;
}

/** @param {import('node:http').ClientRequest} req */
function describeRequest(req) {
  /** @type {[string, string][]} */
  const headers = [];
  for (const name of req.getRawHeaderNames()) {
    const value = req.getHeader(name);
    for (const one of Array.isArray(value) ? value : [value]) headers.push([name, String(one)]);
  }
  return { line: `${req.method} ${req.path} HTTP/1.1`, headers };
}

/** @param {import('node:http').IncomingMessage} response */
function describeResponse(response) {
  /** @type {[string, string][]} */
  const headers = [];
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
    headers.push([
      /** @type {string} */ (response.rawHeaders[i]),
      /** @type {string} */ (response.rawHeaders[i + 1]),
    ]);
  }
  const status = response.statusCode ?? 0;
  return {
    line: `HTTP/${response.httpVersion} ${status} ${response.statusMessage ?? ''}`.trimEnd(),
    status,
    headers,
  };
}

/** @param {import('node:net').Socket | null} socket */
function describeTls(socket) {
  if (!socket || !('getPeerCertificate' in socket)) return null;
  const tlsSocket = /** @type {import('node:tls').TLSSocket} */ (socket);
  const cert = tlsSocket.getPeerCertificate();
  const error = tlsSocket.authorizationError;
  return {
    protocol: tlsSocket.getProtocol(),
    authorized: tlsSocket.authorized,
    authorizationError: error ? String(error) : null,
    peer:
      cert && cert.subject
        ? {
            subject: String(cert.subject.CN ?? ''),
            issuer: String(cert.issuer?.CN ?? ''),
            validFrom: cert.valid_from,
            validTo: cert.valid_to,
          }
        : null,
  };
}

/**
 * The start of a refused upgrade's body (servers often say why there), as UTF-8 text.
 * @param {import('node:http').IncomingMessage} response
 * @returns {Promise<{ bodyStart: string, bodyTruncated: boolean }>}
 */
function readBodyStart(response) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let length = 0;
    const finish = (/** @type {boolean} */ truncated) => {
      clearTimeout(timer);
      response.removeAllListeners('data');
      const body = Buffer.concat(chunks).subarray(0, BODY_START_BYTES);
      resolve({ bodyStart: body.toString('utf8'), bodyTruncated: truncated });
    };
    const timer = setTimeout(() => finish(!response.complete), BODY_WAIT_MS);
    response.on('data', (/** @type {Buffer} */ chunk) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > BODY_START_BYTES) finish(true);
    });
    response.on('end', () => finish(false));
    response.on('error', () => finish(true));
  });
}

/**
 * ws does not expose a message's RSV1 bit; its receiver keeps it from the message's first frame until the next
 * data frame, so it is still the current message's while the 'message' event runs. tests/agent pins this.
 * @param {WebSocket} socket
 */
function wasCompressed(socket) {
  const receiver = /** @type {{ _receiver?: { _compressed?: boolean } }} */ (/** @type {unknown} */ (socket))
    ._receiver;
  return receiver?._compressed === true;
}

/**
 * @param {number} code 1005 when the frame had no status code
 * @param {Buffer} reason
 */
function closeFrame(code, reason) {
  if (code === 1005) return { code: null, reason: '', payloadHex: '' };
  const status = Buffer.alloc(2);
  status.writeUInt16BE(code);
  return {
    code,
    reason: reason.toString('utf8'),
    payloadHex: Buffer.concat([status, reason]).toString('hex'),
  };
}
