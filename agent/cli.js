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

/** The exit code when the port is taken, as the sandbox's: npm start tells it from a crash. */
const EXIT_PORT_TAKEN = 3;
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `--port ${values.port} is not a port: give a whole number from 0 to 65535 (0 for any free port).`,
  );
  process.exit(1);
}

const token = randomBytes(32).toString('base64url');
let agent;
try {
  agent = await startAgent({
    token,
    port,
    allowedOrigins: [...DEFAULT_ALLOWED_ORIGINS, ...values['allow-origin']],
  });
} catch (error) {
  if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE') throw error;
  console.error(
    `Port ${port} (the agent) is already in use by another program.\n` +
      `Stop that program, or pick another port: --port ${port + 1} (or WSI_AGENT_PORT=${port + 1}).`,
  );
  process.exit(EXIT_PORT_TAKEN);
}

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
