// @ts-check
/**
 * What `npm start` and `npm run dev` share once their app server listens: the sandbox in its own process, open
 * to the app's origins (so /chat works from the app), plain messages instead of stack traces when a port is taken,
 * and both servers stopped on Ctrl+C or SIGTERM.
 */
import { loopbackOrigins } from './origins.js';
import { isPortTaken, portFromEnv, portTakenMessage } from './ports.js';
import { describe } from './server.js';
import { superviseSandbox } from './supervise.js';

/**
 * A port from the environment, or a message and exit 1 when the value is not a port.
 * @param {string} name
 * @param {number} fallback
 */
export function portOrExit(name, fallback) {
  try {
    return portFromEnv(name, fallback);
  } catch (error) {
    console.error(/** @type {Error} */ (error).message);
    process.exit(1);
  }
}

/**
 * Exits with a message saying which port is taken and how to pick another, if that is what `error` is.
 * @param {unknown} error
 * @param {{ server: string, port: number, change: string }} what
 */
export function exitIfPortTaken(error, what) {
  if (!isPortTaken(error)) return;
  console.error(portTakenMessage(what));
  process.exit(1);
}

/**
 * @param {object} options
 * @param {number} options.appPort where the app is served, so that its pages may use every sandbox path
 * @param {number} options.sandboxPort
 * @param {string} options.command e.g. "npm start", for the message when the sandbox's port is taken
 * @param {() => Promise<void>} options.closeApp
 */
export async function startSandboxBesideApp({ appPort, sandboxPort, command, closeApp }) {
  const sandbox = superviseSandbox({ port: sandboxPort, allowOrigins: loopbackOrigins(appPort) });
  let listening;
  try {
    listening = await sandbox.ready;
  } catch (error) {
    await closeApp();
    const change = `SANDBOX_PORT=${sandboxPort + 1} ${command}`;
    exitIfPortTaken(error, { server: 'the sandbox', port: sandboxPort, change });
    throw error;
  }
  const stop = async () => {
    await Promise.all([sandbox.stop(), closeApp()]);
    process.exit(0);
  };
  // Vite answers SIGTERM itself by exiting as soon as its own server is closed, whether or not the sandbox has
  // stopped yet: this process takes SIGTERM over and closes both.
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(
    `Sandbox WebSocket server (pid ${listening.pid}, restarted if it crashes):\n${describe(listening.url)}\n`,
  );
  return sandbox;
}
