// @ts-check
/**
 * `npm run agent [-- --port 8790 --allow-origin https://my.host --app-url http://localhost:4173/]`
 * Prints the token once, and a link that carries it to the app in the URL fragment (never sent to a server).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEFAULT_ALLOWED_ORIGINS } from './guard.js';
import { DEFAULT_PORT, startAgent } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.WSI_AGENT_PORT ?? String(DEFAULT_PORT) },
    'allow-origin': { type: 'string', multiple: true, default: [] },
    'app-url': { type: 'string', default: 'http://localhost:4173/' },
  },
});

const token = randomBytes(32).toString('base64url');
const agent = await startAgent({
  token,
  port: Number(values.port),
  allowedOrigins: [...DEFAULT_ALLOWED_ORIGINS, ...values['allow-origin']],
});

const fragment = new URLSearchParams({ 'agent-token': token });
if (agent.port !== DEFAULT_PORT) fragment.set('agent-url', agent.url);
const link = new URL(values['app-url']);
link.hash = fragment.toString();
console.log(`WS Inspector agent listening on ${agent.url} (loopback only)`);
console.log(`Agent token: ${token}`);
console.log(`Pair the app: ${link.href}`);

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    console.log('Agent stopping: closing every connection');
    void agent.close().then(() => process.exit(0));
  });
}
