// @ts-check
/**
 * Runs the sandbox (./cli.js) in a child process, so that nothing a page does to it can take down the app server
 * beside it, and starts it again after a crash: after 0.5 s, 1 s, 2 s… at most `restarts` times in a row (a
 * child that stayed up a minute starts the count afresh). It says what happened through `log`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT_PORT_TAKEN, PortTakenError } from './ports.js';

const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));

/** How long a stopped child gets to close before it is killed. */
const STOP_GRACE_MS = 5_000;

/**
 * @typedef {object} SuperviseOptions
 * @property {number} port 0 for any free port; a restarted child asks for the port the first one got
 * @property {string} [host]
 * @property {readonly string[]} [allowOrigins]
 * @property {(line: string) => void} [log]
 * @property {number} [restarts] restarts in a row before giving up
 * @property {number} [firstDelayMs] the pause before the first restart; each next one doubles it
 * @property {number} [stableMs] a child up this long resets the count of restarts
 */

/**
 * @typedef {object} Supervisor
 * @property {Promise<{ port: number, url: string, pid: number }>} ready the first child listening; rejects with a
 *   PortTakenError when the port is taken, or an Error when the child exits before it listens
 * @property {() => number | undefined} pid the running child's
 * @property {() => Promise<void>} stop ends the child (SIGTERM, then SIGKILL) and restarts no more
 */

/**
 * @param {SuperviseOptions} options
 * @returns {Supervisor}
 */
export function superviseSandbox({
  port,
  host = '127.0.0.1',
  allowOrigins = [],
  log = console.log,
  restarts = 5,
  firstDelayMs = 500,
  stableMs = 60_000,
}) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  /** @type {NodeJS.Timeout | undefined} */
  let restartTimer;
  let stopping = false;
  let listened = false;
  let failures = 0;
  /** @type {(value: { port: number, url: string, pid: number }) => void} */
  let resolveReady = () => {};
  /** @type {(error: Error) => void} */
  let rejectReady = () => {};
  /** @type {Promise<{ port: number, url: string, pid: number }>} */
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });

  const start = () => {
    const startedAt = Date.now();
    const args = [
      '--port',
      String(port),
      '--host',
      host,
      ...allowOrigins.flatMap((o) => ['--allow-origin', o]),
    ];
    // Its own errors (a crash's stack) go straight to our stderr: they say best what happened.
    const current = fork(CLI, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = current;
    current.on('message', (message) => {
      const {
        type,
        port: bound,
        url,
      } = /** @type {{ type?: string, port: number, url: string }} */ (message);
      if (type !== 'listening') return;
      const pid = /** @type {number} */ (current.pid);
      if (listened) log(`Sandbox listening again on ${url} (pid ${pid}).`);
      listened = true;
      port = bound;
      resolveReady({ port: bound, url, pid });
    });
    current.on('exit', (code, signal) => {
      child = undefined;
      if (stopping) return;
      const how =
        code === EXIT_PORT_TAKEN ? `could not listen: port ${port} is taken` : exitDescription(code, signal);
      if (!listened) {
        rejectReady(code === EXIT_PORT_TAKEN ? new PortTakenError(port) : new Error(`The sandbox ${how}.`));
        return;
      }
      if (code === 0) {
        log(`Sandbox (pid ${current.pid}) stopped.`);
        return;
      }
      failures = Date.now() - startedAt >= stableMs ? 1 : failures + 1;
      if (failures > restarts) {
        log(`Sandbox (pid ${current.pid}) ${how}; ${restarts} restarts in a row failed, so it stays down.`);
        return;
      }
      const delay = firstDelayMs * 2 ** (failures - 1);
      log(`Sandbox (pid ${current.pid}) ${how}; restarting it in ${delay} ms (${failures} of ${restarts}).`);
      restartTimer = setTimeout(start, delay);
    });
  };
  start();

  return {
    ready,
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      const killer = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * @param {number | null} code
 * @param {NodeJS.Signals | null} signal
 */
function exitDescription(code, signal) {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}
