// @ts-check
/**
 * GraphQL over WebSocket (npm graphql-ws `useServer` on a `ws` server, subprotocol graphql-transport-ws): the demo
 * the sandbox serves at /graphql, which the test servers (tests/shared/protocol-servers/graphql-ws.js) serve too.
 *
 * Schema: `query { hello }` → "world"; `subscription { greetings }` yields "Hi", "Bonjour", "Hola" and completes;
 * `subscription { count(to: Int!, every: Int) }` yields 1…to (at most 1000), `every` ms apart (20 by default).
 */
import { createRequire } from 'node:module';
import { handleProtocols } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

// graphql refuses a schema built by another copy of itself. Node gives graphql-ws the CommonJS build, while a
// bundler (vitest) would hand an `import` here the ESM build: require takes the one graphql-ws gets.
/** @type {typeof import('graphql')} */
const { GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } = createRequire(
  import.meta.url,
)('graphql');

/** The most ticks one subscription may ask for: each is a frame the sandbox sends. */
const MAX_COUNT = 1000;

export const demoSchema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { hello: { type: GraphQLString, resolve: () => 'world' } },
  }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      greetings: {
        type: GraphQLString,
        subscribe: async function* () {
          for (const hi of ['Hi', 'Bonjour', 'Hola']) yield { greetings: hi };
        },
      },
      count: {
        type: GraphQLInt,
        args: { to: { type: new GraphQLNonNull(GraphQLInt) }, every: { type: GraphQLInt } },
        subscribe: async function* (_, /** @type {{ to: number, every?: number | null }} */ { to, every }) {
          const pause = Math.min(Math.max(every ?? 20, 0), 60_000);
          for (let n = 1; n <= Math.min(to, MAX_COUNT); n++) {
            await new Promise((resolve) => setTimeout(resolve, pause));
            yield { count: n };
          }
        },
      },
    },
  }),
});

/**
 * The sandbox's GraphQL server: a client has 10 s to send connection_init (graphql-ws closes with 4408 after).
 * @param {import('../limits.js').Limits} caps
 * @returns {import('./hosts.js').Host}
 */
export function graphqlHost(caps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: caps.maxChatPayload, handleProtocols });
  const server = useServer({ schema: demoSchema, connectionInitWaitTimeout: 10_000 }, wss);
  return {
    upgrade: (request, socket, head) =>
      wss.handleUpgrade(request, socket, head, (ws) => {
        ws.on('error', () => {});
        wss.emit('connection', ws, request);
      }),
    close: async () => {
      await server.dispose();
      for (const client of wss.clients) client.terminate();
    },
  };
}
