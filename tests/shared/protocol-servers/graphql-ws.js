// @ts-check
/**
 * A real GraphQL over WebSocket server (npm graphql-ws `useServer` on a `ws` server, subprotocol
 * graphql-transport-ws) on a free port of 127.0.0.1, for the decoder tests and the browser suites. It stops by
 * itself after `lifetimeMs`.
 *
 * Schema: `query { hello }` → "world"; `subscription { greetings }` yields "Hi", "Bonjour", "Hola" and completes;
 * `subscription { count(to: Int!) }` yields 1…to, 20 ms apart. The server closes with 4408 when no
 * connection_init comes within `connectionInitWaitTimeout` (1 s here). graphql-ws servers leave pinging to the
 * application: with `pingEveryMs` this one sends `{"type":"ping"}` on that interval, as such applications do.
 */
import { createRequire } from 'node:module';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

// graphql refuses a schema built by another copy of itself. Node gives graphql-ws the CommonJS build, while a
// bundler (vitest) would hand an `import` here the ESM build: require takes the one graphql-ws gets.
/** @type {typeof import('graphql')} */
const { GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } = createRequire(
  import.meta.url,
)('graphql');

const schema = new GraphQLSchema({
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
        args: { to: { type: new GraphQLNonNull(GraphQLInt) } },
        subscribe: async function* (_, /** @type {{ to: number }} */ { to }) {
          for (let n = 1; n <= to; n++) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            yield { count: n };
          }
        },
      },
    },
  }),
});

/**
 * @param {{ lifetimeMs?: number, connectionInitWaitTimeout?: number, pingEveryMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startGraphqlWsServer(options = {}) {
  const { lifetimeMs = 120_000, connectionInitWaitTimeout = 1000, pingEveryMs = 0 } = options;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql' });
  const server = useServer({ schema, connectionInitWaitTimeout }, wss);
  if (pingEveryMs > 0) {
    wss.on('connection', (socket) => {
      const pinger = setInterval(() => socket.send(JSON.stringify({ type: 'ping' })), pingEveryMs);
      socket.once('close', () => clearInterval(pinger));
    });
  }
  await new Promise((resolve) => wss.once('listening', () => resolve(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (wss.address()).port;

  let closing;
  const close = () =>
    (closing ??= (async () => {
      clearTimeout(lifetime);
      await server.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(() => resolve(undefined)));
    })());
  const lifetime = setTimeout(close, lifetimeMs);
  lifetime.unref();
  return { url: `ws://127.0.0.1:${port}/graphql`, port, close };
}
