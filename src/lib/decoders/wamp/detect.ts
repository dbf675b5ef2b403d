import type { DecoderEntry } from '../decoder';

export const entry: DecoderEntry = {
  id: 'wamp',
  label: 'WAMP',
  byProtocol: (protocol) => /^wamp\.2\.(?:json|msgpack|cbor)(?:\.batched)?$/.test(protocol),
  // A session opens with HELLO `[1,"realm",{…}]`, answered by WELCOME `[2,session,{…}]`.
  sniff: (frame) => frame.text !== undefined && /^\[\s*(?:1\s*,\s*"|2\s*,\s*\d)/.test(frame.text),
  load: () => import('./index').then((m) => m.decoder),
};
