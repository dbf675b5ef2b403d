import type { DecoderEntry } from '../decoder';

/** JSON-RPC has no subprotocol or URL of its own: every message says `"jsonrpc":"2.0"`. */
export const entry: DecoderEntry = {
  id: 'json-rpc',
  label: 'JSON-RPC',
  sniff: (frame) =>
    frame.text !== undefined && /^\s*[[{]/.test(frame.text) && /"jsonrpc"\s*:\s*"2\.0"/.test(frame.text),
  load: () => import('./index').then((m) => m.decoder),
};
