import WebSocket from 'ws';
import type {
  ConnectionFacts,
  DecodedMessage,
  Decoder,
  DecoderSession,
  KeepAlive,
  OutgoingFrame,
} from '../../../../src/lib/decoders/decoder';

/**
 * A WebSocket client from Node that speaks a protocol only through one of our decoders, as the app does: the
 * decoder's keep-alive sends the handshake and answers heartbeats, the composer builds what is sent, and every frame
 * either way is decoded by one session.
 */
export interface DrivenClient {
  facts: ConnectionFacts;
  session: DecoderSession;
  keepAlive: KeepAlive | undefined;
  /** Every message decoded from frames received so far. */
  received: DecodedMessage[];
  /** Why frames could not be decoded, if any could not (those sent start with `sent: `). */
  errors: string[];
  send(frame: OutgoingFrame): DecodedMessage[];
  compose(description: unknown): DecodedMessage[];
  /** The first message received, now or later, that passes the test. */
  next(test: (message: DecodedMessage) => boolean, timeoutMs?: number): Promise<DecodedMessage>;
  closed: Promise<void>;
  close(): void;
}

export async function connectThroughDecoder(
  decoder: Decoder,
  url: string,
  options: { protocols?: string[]; handshake?: boolean } = {},
): Promise<DrivenClient> {
  const socket = new WebSocket(url, options.protocols ?? []);
  socket.binaryType = 'arraybuffer';
  // A server may speak in the same packet as the upgrade (SockJS's `o`): hold what comes before we are ready.
  const early: [ArrayBuffer | Buffer, boolean][] = [];
  let receive = (data: ArrayBuffer | Buffer, isBinary: boolean) => void early.push([data, isBinary]);
  socket.on('message', (data: ArrayBuffer | Buffer, isBinary) => receive(data, isBinary));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const facts: ConnectionFacts = { url, protocol: socket.protocol };
  const session = decoder.start(facts);
  const keepAlive = decoder.keepAlive?.(facts);
  const received: DecodedMessage[] = [];
  const errors: string[] = [];
  const waiting = new Set<() => void>();
  let ids = 0;

  const send = (frame: OutgoingFrame): DecodedMessage[] => {
    socket.send('text' in frame ? frame.text : frame.bytes);
    const decoded = session.decode(
      'text' in frame ? { dir: 'out', text: frame.text } : { dir: 'out', bytes: frame.bytes },
    );
    if (decoded.ok) return decoded.value;
    errors.push(`sent: ${decoded.error}`);
    return [];
  };

  receive = (data, isBinary) => {
    const decoded = isBinary
      ? session.decode({ dir: 'in', bytes: new Uint8Array(data as ArrayBuffer) })
      : session.decode({ dir: 'in', text: Buffer.from(data as ArrayBuffer).toString('utf8') });
    if (!decoded.ok) {
      errors.push(decoded.error);
      return;
    }
    for (const message of decoded.value) {
      received.push(message);
      for (const answer of keepAlive?.answer(message) ?? []) send(answer);
    }
    for (const wake of [...waiting]) wake();
  };

  if (options.handshake !== false) for (const frame of keepAlive?.onOpen(facts) ?? []) send(frame);
  for (const [data, isBinary] of early.splice(0)) receive(data, isBinary);

  return {
    facts,
    session,
    keepAlive,
    received,
    errors,
    send,
    compose(description) {
      const frames = decoder.compose?.(description, { nextId: () => ids++ });
      if (!frames?.ok) throw new Error(`compose refused ${JSON.stringify(description)}: ${frames?.error}`);
      return frames.value.flatMap(send);
    },
    next(test, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          const found = received.slice(seen).find(test);
          seen = received.length;
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no such message within ${timeoutMs} ms; received: ${received.map((m) => m.summary).join(' | ')}; errors: ${errors.join(' | ')}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiting.delete(check);
        };
        waiting.add(check);
        check();
      });
    },
    closed,
    close: () => socket.close(),
  };
}
