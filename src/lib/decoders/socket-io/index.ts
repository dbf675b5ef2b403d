import type { Decoder } from '../decoder';
import { composeSocketIo } from './compose';
import { engineIoVersion } from './engine-io';
import { socketIoKeepAlive } from './keep-alive';
import { SocketIoSession } from './session';

/** Socket.IO 5 over Engine.IO 4, and Engine.IO 3 (Socket.IO 2) when the URL asks for `EIO=3`. */
export const decoder: Decoder = {
  id: 'socket-io',
  label: 'Socket.IO',
  start: (facts) => new SocketIoSession(engineIoVersion(facts.url)),
  compose: composeSocketIo,
  keepAlive: socketIoKeepAlive,
};
