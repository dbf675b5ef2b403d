import type { DecoderEntry } from '../decoder';

/** Socket.IO negotiates no subprotocol: its URL (`/socket.io/?EIO=4`) or the server's open packet give it away. */
export const entry: DecoderEntry = {
  id: 'socket-io',
  label: 'Socket.IO',
  byUrl: (url) => url.searchParams.has('EIO') || url.pathname.includes('/socket.io/'),
  sniff: (frame) => frame.dir === 'in' && frame.text !== undefined && frame.text.startsWith('0{"sid":'),
  load: () => import('./index').then((m) => m.decoder),
};
