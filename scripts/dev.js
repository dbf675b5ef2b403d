// @ts-check
/** `npm run dev`: the Vite dev server with hot reload, and the sandbox beside it. */
import { createServer } from 'vite';
import { describe, startSandbox } from '../sandbox/server.js';

const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 8787) });
const server = await createServer();
await server.listen();
server.printUrls();
console.log(`Sandbox WebSocket server:\n${describe(sandbox.url)}\n`);
