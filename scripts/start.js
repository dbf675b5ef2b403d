// @ts-check
/**
 * `npm start`: serves the built app and starts the sandbox beside it, so the app's default URL
 * (ws://localhost:8787/echo) answers on the first click. Ctrl+C stops both.
 */
import { preview } from 'vite';
import { describe, startSandbox } from '../sandbox/server.js';

const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 8787) });
const server = await preview({ preview: { port: Number(process.env.PORT ?? 4173), strictPort: true } });

console.log(`\nWS Inspector: http://localhost:${server.config.preview.port}/`);
console.log(`Sandbox WebSocket server:\n${describe(sandbox.url)}\n`);

process.on('SIGINT', async () => {
  await Promise.all([sandbox.close(), server.close()]);
  process.exit(0);
});
