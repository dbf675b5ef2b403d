import type { ConnectionFacts, DecodedMessage, KeepAlive, OutgoingFrame } from '../decoder';
import { isLegacy } from './flavour';

/**
 * Both subprotocols open with connection_init (graphql-ws closes with 4408 when it does not come in time).
 * graphql-transport-ws servers may ping: each ping is answered with a pong. The legacy server's `ka` needs no answer.
 */
export function graphqlKeepAlive(facts: ConnectionFacts): KeepAlive {
  const legacy = isLegacy(facts.protocol);
  return {
    onOpen: () => [{ text: JSON.stringify({ type: 'connection_init' }) }],
    answer: (message: DecodedMessage): OutgoingFrame[] =>
      !legacy && message.type === 'ping' ? [{ text: JSON.stringify({ type: 'pong' }) }] : [],
  };
}
