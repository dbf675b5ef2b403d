// @ts-check
/**
 * What the Chromium suite, the Firefox suite and the benchmark all talk to: the built app served by Vite's preview
 * server and the real sandbox, each on a free port of 127.0.0.1.
 */
import { preview } from 'vite';
import { startSandbox } from '../../sandbox/server.js';

/** The build under test: dist/ as `npm run test:e2e` makes it, or another folder (a private build) via WSI_DIST. */
export const DIST_DIR = process.env.WSI_DIST ?? 'dist';

/**
 * @returns {Promise<{ appUrl: string, wsUrl: string, sandboxPort: number, closeApp: () => Promise<void>,
 *   close: () => Promise<void> }>} appUrl the built app, e.g. http://127.0.0.1:40123/; wsUrl the sandbox, e.g.
 *   ws://127.0.0.1:40124; closeApp stops serving the app alone, as if the network were gone
 */
export async function startServers() {
  const server = await preview({
    build: { outDir: DIST_DIR },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.httpServer.address());
  const appUrl = `http://127.0.0.1:${address.port}/`;
  const sandbox = await startSandbox({
    port: 0,
    // The app's pages may use /chat, as under `npm start`. `null` is the opaque origin of the bench's bare
    // about:blank page, which a sandbox refuses unless told otherwise.
    allowOrigins: [new URL(appUrl).origin, 'null'],
  });
  /** @type {Promise<void> | undefined} */
  let appClosed;
  const closeApp = () => (appClosed ??= server.close());
  return {
    appUrl,
    wsUrl: `ws://127.0.0.1:${sandbox.port}`,
    sandboxPort: sandbox.port,
    closeApp,
    async close() {
      await sandbox.close();
      await closeApp();
    },
  };
}
