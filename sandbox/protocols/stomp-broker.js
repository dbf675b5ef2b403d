// @ts-check
/**
 * A minimal STOMP 1.0–1.2 broker over WebSocket: CONNECT/STOMP → CONNECTED with version and heart-beat
 * negotiation, SUBSCRIBE/UNSUBSCRIBE, SEND → MESSAGE to every subscription on that destination (exact match),
 * ACK/NACK, transactions (BEGIN/COMMIT/ABORT hold SENDs until COMMIT), RECEIPT for any `receipt` header, DISCONNECT,
 * and an ERROR (then the connection closes) for a malformed or out-of-place frame. The sandbox serves it at /stomp;
 * the test servers (tests/shared/protocol-servers/stomp.js) run it alone.
 */
import { Destinations } from './stomp-destinations.js';
import { formatFrame, parseFrames } from './stomp-frames.js';

const VERSIONS = ['1.0', '1.1', '1.2'];
export const STOMP_SUBPROTOCOLS = ['v12.stomp', 'v11.stomp', 'v10.stomp'];

/** @param {Set<string>} offered */
export const stompProtocols = (offered) => STOMP_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false;

/**
 * @typedef {import('./stomp-frames.js').Frame} Frame
 * @typedef {import('./stomp-destinations.js').Subscription} Subscription
 */

/**
 * One broker: the sockets it is given share its destinations.
 * @param {{ heartBeat?: [number, number] }} [options] heartBeat: the server's `sx,sy` (default 10000,10000)
 * @returns {(socket: import('ws').WebSocket) => void}
 */
export function stompBroker(options = {}) {
  const [serverSends, serverWants] = options.heartBeat ?? [10_000, 10_000];
  const destinations = new Destinations();
  let sessionCount = 0;

  return (socket) => {
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
      if (socket.readyState === socket.OPEN) socket.send(formatFrame(command, headers, body, version));
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
          destinations.add(subscription, (headers, body) => send('MESSAGE', headers, body));
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
    const deliver = (frame) => destinations.deliver(frame);

    /** @param {string} id */
    const unsubscribe = (id) => {
      const subscription = subscriptions.get(id);
      if (!subscription) return;
      subscriptions.delete(id);
      destinations.remove(subscription);
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
  };
}
