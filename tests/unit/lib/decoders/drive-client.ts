/**
 * A WebSocket client from Node driven only through a decoder, as the app drives one: it sends the keep-alive's
 * opening frames, answers what the keep-alive says, beats its heartbeat, and decodes every frame both ways.
 * Shared by the protocol decoders' real-server tests.
 */
import WebSocket from 'ws';
import type {
  ConnectionFacts,
  DecodedMessage,
  Decoder,
  DecoderSession,
  KeepAlive,
  OutgoingFrame,
  WireFrame,
} from '../../../../src/lib/decoders/decoder';

export interface Decoded {
  /** Which frame, counted from 0 over both directions, as the grid numbers rows. */
  frame: number;
  dir: 'in' | 'out';
  message: DecodedMessage;
}

export interface DrivenClient {
  readonly decoded: Decoded[];
  /** Decode errors, with the frame that caused them: a real server should cause none. */
  readonly errors: string[];
  send(frames: OutgoingFrame[]): void;
  /** The first message decoded (already or later) that passes `test`; rejects after `timeoutMs`. */
  waitFor(test: (entry: Decoded) => boolean, timeoutMs?: number): Promise<Decoded>;
  readonly isOpen: boolean;
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export async function driveClient(
  decoder: Decoder,
  url: string,
  protocols: string[] = [],
): Promise<DrivenClient> {
  const socket = new WebSocket(url, protocols);
  // Set up in the open event itself, as a page does: a server that speaks first (Socket.IO's open packet) may
  // send its first frame in the same read as the handshake, before any later listener would be attached.
  let session: DecoderSession | undefined;
  let keepAlive: KeepAlive | undefined;
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => {
      const facts: ConnectionFacts = { url, protocol: socket.protocol };
      session = decoder.start(facts);
      keepAlive = decoder.keepAlive?.(facts);
      if (keepAlive) send(keepAlive.onOpen(facts));
      scheduleBeat();
      resolve();
    });
    socket.once('error', reject);
  });
  const decoded: Decoded[] = [];
  const errors: string[] = [];
  const waiters = new Set<() => void>();
  let frameCount = 0;

  const record = (frame: WireFrame): DecodedMessage[] => {
    const index = frameCount++;
    const result = session!.decode(frame);
    if (!result.ok) {
      errors.push(`#${index} ${frame.dir}: ${result.error}`);
      return [];
    }
    for (const message of result.value) decoded.push({ frame: index, dir: frame.dir, message });
    for (const wake of waiters) wake();
    return result.value;
  };

  const send = (frames: OutgoingFrame[]): void => {
    for (const frame of frames) {
      if (socket.readyState !== WebSocket.OPEN) return;
      if ('text' in frame) {
        socket.send(frame.text);
        record({ dir: 'out', text: frame.text });
      } else {
        socket.send(frame.bytes);
        record({ dir: 'out', bytes: frame.bytes });
      }
    }
  };

  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

  socket.on('message', (data: Buffer, isBinary: boolean) => {
    const frame: WireFrame = isBinary
      ? { dir: 'in', bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }
      : { dir: 'in', text: data.toString('utf8') };
    for (const message of record(frame)) {
      if (keepAlive === undefined) continue;
      send(keepAlive.answer(message));
      // An answer may change the heartbeat (Engine.IO 3 learns its interval from the open packet): re-arm it.
      if (keepAlive.heartbeat?.intervalMs !== beatIntervalMs) scheduleBeat();
    }
  });

  // The heartbeat's interval may follow what the server said, so it is read again for each beat.
  let beat: ReturnType<typeof setTimeout> | undefined;
  let beatIntervalMs: number | undefined;
  const scheduleBeat = (): void => {
    clearTimeout(beat);
    const heartbeat = keepAlive?.heartbeat;
    beatIntervalMs = heartbeat?.intervalMs;
    if (heartbeat === undefined) return;
    beat = setTimeout(() => {
      send([heartbeat.frame]);
      scheduleBeat();
    }, heartbeat.intervalMs);
  };
  void closed.then(() => clearTimeout(beat));
  await opened;

  return {
    decoded,
    errors,
    send,
    get isOpen() {
      return socket.readyState === WebSocket.OPEN;
    },
    closed,
    waitFor(test, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = decoded.find(test);
          if (found === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No such message within ${timeoutMs} ms; decoded: ${decoded.map((d) => `${d.dir} ${d.message.summary}`).join(' | ')}; errors: ${errors.join(' | ')}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      clearTimeout(beat);
      if (socket.readyState !== WebSocket.CLOSED) socket.close();
      await closed;
    },
  };
}
