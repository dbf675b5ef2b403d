import type { DecoderEntry } from '../decoder';

/** A v2 message: `[join_ref, ref, topic, event, …` with refs a string or null. */
const V2_MESSAGE = /^\[\s*(?:null|"[^"]*")\s*,\s*(?:null|"[^"]*")\s*,\s*"[^"]*"\s*,\s*"[^"]*"\s*,/;

export const entry: DecoderEntry = {
  id: 'phoenix',
  label: 'Phoenix',
  // phoenix.js connects to `<endpoint>/websocket?vsn=2.0.0`.
  byUrl: (url) => url.pathname.endsWith('/websocket') && url.searchParams.has('vsn'),
  sniff: (frame) => frame.text !== undefined && V2_MESSAGE.test(frame.text),
  load: () => import('./index').then((m) => m.decoder),
};
