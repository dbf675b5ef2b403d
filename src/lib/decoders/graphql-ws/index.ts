import type { Decoder } from '../decoder';
import { composeGraphql } from './compose';
import { graphqlKeepAlive } from './keep-alive';
import { GraphqlSession } from './session';

/** GraphQL over WebSocket: graphql-transport-ws and the legacy graphql-ws subprotocol. */
export const decoder: Decoder = {
  id: 'graphql-ws',
  label: 'GraphQL over WebSocket',
  start: () => new GraphqlSession(),
  compose: composeGraphql,
  keepAlive: graphqlKeepAlive,
};
