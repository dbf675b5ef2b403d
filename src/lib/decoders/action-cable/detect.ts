import type { DecoderEntry } from '../decoder';

const ACTION_CABLE_WELCOME = /^\s*\{\s*"type"\s*:\s*"welcome"\s*(?:,\s*"sid"\s*:\s*"[^"\\]*"\s*)?\}\s*$/;

export const entry: DecoderEntry = {
  id: 'action-cable',
  label: 'Action Cable',
  // @rails/actioncable offers ["actioncable-v1-json", "actioncable-unsupported"]; the server picks the first.
  byProtocol: (protocol) => protocol === 'actioncable-v1-json',
  byUrl: (url) => /\/cable\/?$/.test(url.pathname),
  // The server's first message, exactly: `{"type":"welcome"}`, with AnyCable's `sid` at most. Any other app may
  // greet with a "welcome" of its own (the sandbox's chat room does), and must not be taken for Action Cable.
  sniff: (frame) => frame.dir === 'in' && frame.text !== undefined && ACTION_CABLE_WELCOME.test(frame.text),
  load: () => import('./index').then((m) => m.decoder),
};
