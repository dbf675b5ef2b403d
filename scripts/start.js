// @ts-check
/**
 * `npm start`: serves the built app and starts the sandbox beside it, in a process of its own, so the app's
 * default URL (ws://localhost:8787/echo) answers on the first click and nothing done to the sandbox can take the
 * app down. PORT and SANDBOX_PORT pick other ports. Ctrl+C stops both.
 */
import { preview } from 'vite';
import { exitIfPortTaken, portOrExit, startSandboxBesideApp } from '../sandbox/beside-app.js';

const command = 'npm start';
const port = portOrExit('PORT', 4173);
const sandboxPort = portOrExit('SANDBOX_PORT', 8787);

let server;
try {
  server = await preview({ preview: { host: '127.0.0.1', port, strictPort: true } });
} catch (error) {
  exitIfPortTaken(error, { server: 'the app', port, change: `PORT=${port + 1} ${command}` });
  throw error;
}
const app = server;
const appPort = /** @type {import('node:net').AddressInfo} */ (app.httpServer.address()).port;

console.log(`\nWS Inspector: http://localhost:${appPort}/`);
await startSandboxBesideApp({ appPort, sandboxPort, command, closeApp: () => app.close() });
