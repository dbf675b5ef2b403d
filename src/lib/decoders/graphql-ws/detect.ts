import type { DecoderEntry } from '../decoder';

/** Both GraphQL subprotocols: `graphql-transport-ws` (graphql-ws) and the legacy `graphql-ws` (Apollo's). */
export const entry: DecoderEntry = {
  id: 'graphql-ws',
  label: 'GraphQL over WebSocket',
  byProtocol: (protocol) => protocol === 'graphql-transport-ws' || protocol === 'graphql-ws',
  byUrl: (url) => /\/graphql\/?$/.test(url.pathname),
  sniff: (frame) =>
    frame.text !== undefined &&
    frame.text.trimStart().startsWith('{') &&
    /"type"\s*:\s*"(connection_init|connection_ack|ka)"/.test(frame.text),
  load: () => import('./index').then((m) => m.decoder),
};
