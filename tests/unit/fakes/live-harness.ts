import type { SessionHead } from '../../../src/lib/model/session';
import type { FrameRecord } from '../../../src/lib/model/frame';
import { AutoReplies } from '../../../src/lib/automation/auto-replies';
import { LiveSession } from '../../../src/lib/session/live-session';
import { FakeSocket } from './fake-socket';
import { ManualTimers } from './manual-timers';

/** A LiveSession with its reply engine, on fake sockets and manual time, storing nothing: what automation tests drive. */
export function liveHarness() {
  const timers = new ManualTimers();
  const sockets: FakeSocket[] = [];
  const live = new LiveSession({
    frames: {
      write: async () => undefined,
      reopen: async () => undefined,
      head: async (): Promise<SessionHead | undefined> => undefined,
      chunkStarts: async () => [],
      chunk: async () => undefined,
    },
    catalog: { put: async () => undefined },
    newId: () => `s${sockets.length}`,
    createSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    clock: timers.now,
    timers,
    recorder: { setTimer: () => undefined },
  });
  // Attached as state attaches it: the reply engine of this session.
  const engine = new AutoReplies(live, { timers });
  const records: FrameRecord[] = [];
  live.on('record', (record) => records.push(record));
  const socket = () => sockets.at(-1) as FakeSocket;
  return {
    live,
    engine,
    timers,
    records,
    socket,
    /** Connects and opens at once. */
    open(request: Partial<Parameters<LiveSession['connect']>[0]> = {}) {
      const connected = live.connect({
        url: 'ws://test/',
        protocols: [],
        binaryType: 'arraybuffer',
        ...request,
      });
      if (connected.ok) socket().open();
      return connected;
    },
    advance: (ms: number) => timers.advance(ms),
    notes: () => records.flatMap((r) => (r.kind === 'note' ? [r.text] : [])),
    sent: () => socket().sent,
  };
}
