// @ts-check
/**
 * A minimal STOMP 1.0–1.2 broker over WebSocket, for tests: CONNECT/STOMP → CONNECTED with version and heart-beat
 * negotiation, SUBSCRIBE/UNSUBSCRIBE, SEND → MESSAGE to every subscription on that destination (exact match), ACK/NACK,
 * transactions (BEGIN/COMMIT/ABORT hold SENDs until COMMIT), RECEIPT for any `receipt` header, DISCONNECT, and an
 * ERROR (then the connection closes) for a malformed or out-of-place frame. Written from the 1.2 specification,
 * independently of the decoder it tests.
 */
import { WebSocketServer } from 'ws';

const VERSIONS = ['1.0', '1.1', '1.2'];
const SUBPROTOCOLS = ['v12.stomp', 'v11.stomp', 'v10.stomp'];
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

/**
 * @typedef {{ command: string, headers: Record<string, string>, body: Buffer }} Frame
 * @typedef {{ id: string, destination: string, ack: string }} Subscription
 */

/**
 * @param {{ heartBeat?: [number, number] }} [options] heartBeat: the server's `sx,sy` (default 10000,10000)
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStompServer(options = {}) {
  const [serverSends, serverWants] = options.heartBeat ?? [10_000, 10_000];
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (offered) => SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  /** @type {Map<string, Set<{ receive: (headers: Record<string, string>, body: Buffer) => void, subscription: Subscription }>>} */
  const byDestination = new Map();
  let messageCount = 0;
  let sessionCount = 0;

  wss.on('connection', (socket) => {
    /** @type {string | undefined} the negotiated version, once connected */
    let version;
    /** @type {Map<string, Subscription>} */
    const subscriptions = new Map();
    /** @type {Map<string, Frame[]>} */
    const transactions = new Map();
    /** @type {NodeJS.Timeout[]} */
    const timers = [];
    let lastHeard = Date.now();

    /** @param {string} command @param {Record<string, string>} headers @param {Buffer | string} [body] */
    const send = (command, headers, body = '') => {
      if (socket.readyState !== socket.OPEN) return;
      const escape = version !== undefined && version !== '1.0' && command !== 'CONNECTED';
      const lines = [command];
      for (const [name, value] of Object.entries(headers))
        lines.push(`${escape ? escapeValue(name) : name}:${escape ? escapeValue(value) : value}`);
      const bodyBytes = typeof body === 'string' ? Buffer.from(body) : body;
      if (bodyBytes.length && headers['content-length'] === undefined)
        lines.push(`content-length:${bodyBytes.length}`);
      socket.send(
        Buffer.concat([Buffer.from(`${lines.join('\n')}\n\n`), bodyBytes, Buffer.from([0])]).toString(),
      );
    };
    /** @param {string} message @param {Frame} [frame] */
    const fail = (message, frame) => {
      const receipt = frame?.headers['receipt'];
      send(
        'ERROR',
        { message, 'content-type': 'text/plain', ...(receipt ? { 'receipt-id': receipt } : {}) },
        message,
      );
      socket.close();
    };

    /** @param {Frame} frame */
    const handle = (frame) => {
      const { command, headers } = frame;
      if (version === undefined) {
        if (command !== 'CONNECT' && command !== 'STOMP')
          return fail(`expected CONNECT, not ${command}`, frame);
        const accepted = (headers['accept-version'] ?? '1.0').split(',');
        version = [...VERSIONS].reverse().find((v) => accepted.includes(v));
        if (!version) return fail(`Supported protocol versions are ${VERSIONS.join(',')}`);
        const [clientSends, clientWants] = (headers['heart-beat'] ?? '0,0').split(',').map(Number);
        startHeartBeats(clientSends ?? 0, clientWants ?? 0);
        sessionCount += 1;
        send('CONNECTED', {
          version,
          'heart-beat': `${serverSends},${serverWants}`,
          server: 'stomp-fixture/1.0',
          session: `session-${sessionCount}`,
        });
        return;
      }
      const transaction = headers['transaction'];
      switch (command) {
        case 'CONNECT':
        case 'STOMP':
          return fail('already connected', frame);
        case 'SEND': {
          if (!headers['destination']) return fail('SEND needs a destination header', frame);
          if (transaction !== undefined) {
            const held = transactions.get(transaction);
            if (!held) return fail(`no transaction ${transaction}`, frame);
            held.push(frame);
          } else deliver(frame);
          break;
        }
        case 'SUBSCRIBE': {
          const id = headers['id'] ?? (version === '1.0' ? headers['destination'] : undefined);
          if (!headers['destination'] || id === undefined)
            return fail('SUBSCRIBE needs destination and id headers', frame);
          const subscription = { id, destination: headers['destination'], ack: headers['ack'] ?? 'auto' };
          subscriptions.set(id, subscription);
          const set = byDestination.get(subscription.destination) ?? new Set();
          set.add({ receive: (headers, body) => send('MESSAGE', headers, body), subscription });
          byDestination.set(subscription.destination, set);
          break;
        }
        case 'UNSUBSCRIBE': {
          const id = headers['id'] ?? headers['destination'];
          if (id === undefined || !subscriptions.has(id))
            return fail(`no subscription ${id ?? '(no id)'}`, frame);
          unsubscribe(id);
          break;
        }
        case 'ACK':
        case 'NACK':
          if (headers['id'] === undefined && headers['message-id'] === undefined)
            return fail(`${command} needs an id header`, frame);
          break;
        case 'BEGIN':
          if (transaction === undefined || transactions.has(transaction))
            return fail('BEGIN needs a new transaction header', frame);
          transactions.set(transaction, []);
          break;
        case 'COMMIT':
        case 'ABORT': {
          const held = transaction === undefined ? undefined : transactions.get(transaction);
          if (!held || transaction === undefined)
            return fail(`no transaction ${transaction ?? '(none)'}`, frame);
          transactions.delete(transaction);
          if (command === 'COMMIT') held.forEach(deliver);
          break;
        }
        case 'DISCONNECT':
          if (headers['receipt'] !== undefined) send('RECEIPT', { 'receipt-id': headers['receipt'] });
          socket.close();
          return;
        default:
          return fail(`unknown command ${command}`, frame);
      }
      if (headers['receipt'] !== undefined) send('RECEIPT', { 'receipt-id': headers['receipt'] });
    };

    /** @param {Frame} frame */
    const deliver = (frame) => {
      const { destination = '' } = frame.headers;
      // What a MESSAGE carries of the SEND: its headers, less those about the SEND itself.
      const carried = Object.entries(frame.headers).filter(
        ([name]) => !['receipt', 'transaction', 'content-length'].includes(name),
      );
      for (const { receive, subscription } of byDestination.get(destination) ?? []) {
        messageCount += 1;
        /** @type {Record<string, string>} */
        const headers = {
          ...Object.fromEntries(carried),
          subscription: subscription.id,
          'message-id': `m-${messageCount}`,
          destination,
        };
        if (subscription.ack !== 'auto') headers['ack'] = `a-${messageCount}`;
        receive(headers, frame.body);
      }
    };

    /** @param {string} id */
    const unsubscribe = (id) => {
      const subscription = subscriptions.get(id);
      if (!subscription) return;
      subscriptions.delete(id);
      for (const entry of byDestination.get(subscription.destination) ?? []) {
        if (entry.subscription === subscription) byDestination.get(subscription.destination)?.delete(entry);
      }
    };

    /** STOMP 1.2 §Heart-beating: we send every max(sx, cy), and expect to hear within max(cx, sy), with slack. */
    const startHeartBeats = (/** @type {number} */ clientSends, /** @type {number} */ clientWants) => {
      if (serverSends > 0 && clientWants > 0) {
        timers.push(
          setInterval(
            () => socket.readyState === socket.OPEN && socket.send('\n'),
            Math.max(serverSends, clientWants),
          ),
        );
      }
      if (serverWants > 0 && clientSends > 0) {
        const expected = Math.max(clientSends, serverWants);
        timers.push(setInterval(() => Date.now() - lastHeard > 2 * expected && socket.terminate(), expected));
      }
    };

    socket.on('message', (data, isBinary) => {
      lastHeard = Date.now();
      const bytes = Buffer.isBuffer(data)
        ? data
        : Buffer.concat(/** @type {Buffer[]} */ (Array.isArray(data) ? data : [Buffer.from(data)]));
      const parsed = parseFrames(bytes, version);
      if ('error' in parsed) return fail(parsed.error);
      void isBinary;
      for (const frame of parsed.frames) {
        if (socket.readyState !== socket.OPEN) break;
        handle(frame);
      }
    });
    socket.on('close', () => {
      timers.forEach(clearInterval);
      for (const id of [...subscriptions.keys()]) unsubscribe(id);
    });
  });

  await new Promise((resolve) => wss.once('listening', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (wss.address());
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

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
function parseFrames(bytes, version) {
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
