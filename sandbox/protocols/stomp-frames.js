// @ts-check
/**
 * STOMP 1.0–1.2 frames as the sandbox's broker (./stomp-broker.js) reads and writes them, written from the 1.2
 * specification, independently of the app's decoder that the broker tests.
 */

/** @typedef {{ command: string, headers: Record<string, string>, body: Buffer }} Frame */

const CLIENT_COMMANDS = [
  'CONNECT',
  'STOMP',
  'SEND',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'ACK',
  'NACK',
  'BEGIN',
  'COMMIT',
  'ABORT',
  'DISCONNECT',
];

/** @param {string} value */
function escapeValue(value) {
  return value.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');
}

/** @param {string} value @param {string | undefined} version @returns {string | undefined} undefined for a bad escape */
function unescapeValue(value, version) {
  if (version === undefined || version === '1.0') return value;
  /** @type {Record<string, string>} */
  const known =
    version === '1.1' ? { n: '\n', c: ':', '\\': '\\' } : { n: '\n', c: ':', '\\': '\\', r: '\r' };
  let bad = false;
  const out = value.replace(/\\(.?)/gs, (_, letter) => known[letter] ?? ((bad = true), ''));
  return bad ? undefined : out;
}

/**
 * Every frame in one WebSocket message; EOLs between frames are heart-beats.
 * @param {Buffer} bytes @param {string | undefined} version
 * @returns {{ frames: Frame[] } | { error: string }}
 */
export function parseFrames(bytes, version) {
  /** @type {Frame[]} */
  const frames = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes[pos] === 0x0a || (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a)) {
      pos += bytes[pos] === 0x0d ? 2 : 1;
      continue;
    }
    const headerEnd = bytes.indexOf('\n\n', pos) >= 0 ? bytes.indexOf('\n\n', pos) : -1;
    const crlfEnd = bytes.indexOf('\r\n\r\n', pos);
    const end =
      crlfEnd >= 0 && (headerEnd < 0 || crlfEnd < headerEnd)
        ? { at: crlfEnd, len: 4 }
        : headerEnd >= 0
          ? { at: headerEnd, len: 2 }
          : undefined;
    if (!end) return { error: 'frame without the blank line that ends its headers' };
    const [command = '', ...lines] = bytes.toString('utf8', pos, end.at).split(/\r?\n/);
    if (!CLIENT_COMMANDS.includes(command))
      return { error: `unknown command ${JSON.stringify(command.slice(0, 30))}` };
    const escaped = command !== 'CONNECT' && command !== 'STOMP';
    /** @type {Record<string, string>} */
    const headers = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon < 0) return { error: `header line without a colon in ${command}` };
      const name = escaped ? unescapeValue(line.slice(0, colon), version) : line.slice(0, colon);
      const value = escaped ? unescapeValue(line.slice(colon + 1), version) : line.slice(colon + 1);
      if (name === undefined || value === undefined)
        return { error: `undefined escape in a ${command} header` };
      if (!(name in headers)) headers[name] = value;
    }
    const bodyStart = end.at + end.len;
    const length = headers['content-length'];
    const bodyEnd = length === undefined ? bytes.indexOf(0, bodyStart) : bodyStart + Number(length);
    if (length !== undefined && !/^\d+$/.test(length)) return { error: 'content-length is not a number' };
    if (bodyEnd < 0 || bodyEnd >= bytes.length || bytes[bodyEnd] !== 0)
      return { error: `${command} frame not ended by NUL` };
    frames.push({ command, headers, body: bytes.subarray(bodyStart, bodyEnd) });
    pos = bodyEnd + 1;
  }
  return { frames };
}

/**
 * One frame as the server writes it: header values escaped as the negotiated version wants (none before it, nor in
 * CONNECTED), and a content-length for any body.
 * @param {string} command @param {Record<string, string>} headers @param {Buffer | string} body
 * @param {string | undefined} version
 */
export function formatFrame(command, headers, body, version) {
  const escape = version !== undefined && version !== '1.0' && command !== 'CONNECTED';
  const lines = [command];
  for (const [name, value] of Object.entries(headers))
    lines.push(`${escape ? escapeValue(name) : name}:${escape ? escapeValue(value) : value}`);
  const bodyBytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (bodyBytes.length && headers['content-length'] === undefined)
    lines.push(`content-length:${bodyBytes.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n\n`), bodyBytes, Buffer.from([0])]).toString();
}
