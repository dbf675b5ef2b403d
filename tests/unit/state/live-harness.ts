import 'fake-indexeddb/auto';
import { FramesDb } from '../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../src/lib/persist/idb-store';
import { SessionsDb } from '../../../src/lib/persist/sessions-db';
import type { ConnectRequest, Timers } from '../../../src/lib/session/live-session';
import { LiveSession } from '../../../src/lib/session/live-session';
import { FakeSocket } from '../fakes/fake-socket';

let stores = 0;

/** Fresh frames and sessions databases (fake-indexeddb), so no test sees another's sessions. */
export function freshStorage() {
  const n = ++stores;
  return {
    frames: new FramesDb(new KeyvalStore(`state-frames-${n}`, 'frames')),
    sessionsDb: new SessionsDb(new KeyvalStore(`state-sessions-${n}`, 'sessions')),
  };
}

export type Storage = ReturnType<typeof freshStorage>;

/**
 * LiveSessions as main.ts builds them, but on fake sockets, manual reconnect timers and a clock the test moves;
 * records are saved only when a recording finishes (or on flush()), never by a timer.
 */
export function liveSessions(storage: Storage = freshStorage()) {
  const sockets: FakeSocket[] = [];
  const reconnects: { callback: () => void; ms: number }[] = [];
  const timers: Timers = {
    set: (callback, ms) => reconnects.push({ callback, ms }),
    clear: () => undefined,
  };
  let clock = 1_700_000_000_000;
  let ids = 0;
  let refuse: string | null = null;
  const create = () =>
    new LiveSession({
      frames: storage.frames,
      catalog: storage.sessionsDb,
      // Ids sort by start, newest last, as newId's do.
      newId: () => `session-${String(++ids).padStart(3, '0')}`,
      createSocket: (url, protocols) => {
        if (refuse !== null) throw new SyntaxError(refuse);
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
      clock: () => (clock += 1),
      timers,
      recorder: { setTimer: () => undefined },
    });
  return {
    ...storage,
    create,
    sockets,
    reconnects,
    /** The socket the last connect opened. */
    socket: () => {
      const last = sockets.at(-1);
      if (last === undefined) throw new Error('No socket was created.');
      return last;
    },
    /** The next sockets the page tries to create throw this (null: they are created again). */
    refuseSockets: (message: string | null) => (refuse = message),
  };
}

export const ECHO: ConnectRequest = {
  url: 'ws://test.example/echo',
  protocols: [],
  binaryType: 'arraybuffer',
};
