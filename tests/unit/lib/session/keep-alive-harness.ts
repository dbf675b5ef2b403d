import { expect } from 'vitest';
import type { DecoderEntry } from '../../../../src/lib/decoders/decoder';
import { entry as graphqlWs } from '../../../../src/lib/decoders/graphql-ws/detect';
import { entry as json } from '../../../../src/lib/decoders/json/detect';
import { entry as mqtt } from '../../../../src/lib/decoders/mqtt/detect';
import { entry as socketIo } from '../../../../src/lib/decoders/socket-io/detect';
import { toHex } from '../../../../src/lib/encoding/hex';
import type { FrameRecord } from '../../../../src/lib/model/frame';
import type { ConnectRequest, Timers } from '../../../../src/lib/session/live-session';
import { LiveSession } from '../../../../src/lib/session/live-session';
import { ProtocolKeepAlive } from '../../../../src/lib/session/protocol-keep-alive';
import { FakeSocket } from '../../fakes/fake-socket';
import { MemoryWriter } from '../../fakes/memory-writer';

/** What the ProtocolKeepAlive tests share: a LiveSession on fake sockets, hand-fired timers, what went out. */

export const ENTRIES: readonly DecoderEntry[] = [socketIo, graphqlWs, mqtt, json];

/** Timers the test fires by hand; a cleared timer is gone. */
export class ManualTimers implements Timers {
  #next = 0;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  set(callback: () => void, ms: number): unknown {
    this.pending.set(++this.#next, { callback, ms });
    return this.#next;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires every pending timer once, as if their time had come. */
  fire(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, { callback }] of due) callback();
  }
  get intervals(): number[] {
    return [...this.pending.values()].map(({ ms }) => ms);
  }
}

export function harness(enabled = true) {
  const sockets: FakeSocket[] = [];
  const writer = new MemoryWriter();
  const live = new LiveSession({
    // Recording needs a writer; nothing here reads the store back.
    frames: Object.assign(writer, {
      head: async () => undefined,
      chunkStarts: async () => [],
      chunk: async () => undefined,
    }),
    catalog: { put: async () => undefined },
    newId: () => 'keep-alive',
    createSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    recorder: { setTimer: () => undefined },
  });
  const timers = new ManualTimers();
  const engine = new ProtocolKeepAlive(live, { entries: ENTRIES, timers });
  engine.enabled = enabled;
  const records: FrameRecord[] = [];
  live.on('record', (record) => records.push(record));
  const socket = () => sockets.at(-1) as FakeSocket;
  /** What went out, each message as `text`, or hex for bytes, `*` marking the automatic ones. */
  const sent = () =>
    records.flatMap((r) =>
      r.kind === 'text' && r.dir === 'out'
        ? [`${r.auto ? '*' : ''}${r.text}`]
        : r.kind === 'binary' && r.dir === 'out'
          ? [`${r.auto ? '*' : ''}${toHex(r.bytes).replaceAll(' ', '')}`]
          : [],
    );
  return { live, engine, timers, socket, sent, records };
}

export function connect(live: LiveSession, url: string, protocols: string[] = []) {
  const request: ConnectRequest = { url, protocols, binaryType: 'arraybuffer' };
  expect(live.connect(request).ok).toBe(true);
}

export const SOCKET_IO_URL = 'ws://localhost/socket.io/?EIO=4&transport=websocket';
export const OPEN_PACKET =
  '0{"sid":"abc","upgrades":[],"pingInterval":300,"pingTimeout":1000,"maxPayload":1000000}';
