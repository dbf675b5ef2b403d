import type { DecoderEntry } from '../decoder';

/** SockJS's raw-WebSocket endpoint: `/<prefix>/<server>/<session>/websocket` (ids never hold a dot). */
const SOCKJS_PATH = /\/[^/.]+\/[^/.]+\/websocket\/?$/;

export const entry: DecoderEntry = {
  id: 'sockjs',
  label: 'SockJS',
  byUrl: (url) => SOCKJS_PATH.test(url.pathname),
  // A SockJS server opens with `o`; then `h` heartbeats, `a[…]` messages, `c[code,"reason"]` a close.
  sniff: (frame) =>
    frame.dir === 'in' && frame.text !== undefined && /^(?:[oh]$|a\[|c\[|m")/.test(frame.text),
  load: () => import('./index').then((m) => m.decoder),
};
