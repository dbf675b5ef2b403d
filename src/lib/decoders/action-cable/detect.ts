import type { DecoderEntry } from '../decoder';

export const entry: DecoderEntry = {
  id: 'action-cable',
  label: 'Action Cable',
  // @rails/actioncable offers ["actioncable-v1-json", "actioncable-unsupported"]; the server picks the first.
  byProtocol: (protocol) => protocol === 'actioncable-v1-json',
  byUrl: (url) => /\/cable\/?$/.test(url.pathname),
  // The server's first message.
  sniff: (frame) =>
    frame.dir === 'in' && frame.text !== undefined && /^\{\s*"type"\s*:\s*"welcome"/.test(frame.text),
  load: () => import('./index').then((m) => m.decoder),
};
