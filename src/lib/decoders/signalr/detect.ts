import type { DecoderEntry, WireFrame } from '../decoder';

/** The JSON hub protocol ends every record, the handshake included, with this separator. */
const RECORD_SEPARATOR = '\u001e';

/** The client's handshake `{"protocol":"json"|"messagepack","version":1}␞`, or hub records such as `{"type":1,…}␞`. */
function looksLikeSignalR(frame: WireFrame): boolean {
  const text = frame.text;
  if (text === undefined || !text.endsWith(RECORD_SEPARATOR)) return false;
  return /^\{\s*"(?:protocol|type)"\s*:/.test(text);
}

export const entry: DecoderEntry = {
  id: 'signalr',
  label: 'SignalR',
  // Hubs are mapped where the app chooses, by convention `/chatHub`, `/hubs/chat`; the client adds `?id=<token>`.
  byUrl: (url) => /hubs?(?:\/|$)/i.test(url.pathname) && url.searchParams.has('id'),
  sniff: looksLikeSignalR,
  load: () => import('./index').then((m) => m.decoder),
};
