// @ts-check
/**
 * `npm run dev`: the Vite dev server with hot reload (on the next free port when 5173 is taken), and the sandbox
 * beside it in a process of its own. SANDBOX_PORT picks another port for the sandbox. Ctrl+C stops both.
 */
import { createServer } from 'vite';
import { portOrExit, startSandboxBesideApp } from '../sandbox/beside-app.js';

const sandboxPort = portOrExit('SANDBOX_PORT', 8787);

const server = await createServer();
await server.listen();
server.printUrls();
// Not in middleware mode, so Vite made an HTTP server.
const httpServer = /** @type {import('node:http').Server} */ (server.httpServer);
const appPort = /** @type {import('node:net').AddressInfo} */ (httpServer.address()).port;

await startSandboxBesideApp({ appPort, sandboxPort, command: 'npm run dev', closeApp: () => server.close() });
