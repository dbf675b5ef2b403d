// @ts-check
/**
 * `npm start`: serves the built app and starts the sandbox beside it, in a process of its own, so the app's
 * default URL (ws://localhost:8787/echo) answers on the first click and nothing done to the sandbox can take the
 * app down. The local agent (docs/agent.md) starts too, also a child of its own, and its banner (token and pairing
 * link for this app's URL) is printed here. PORT, SANDBOX_PORT and WSI_AGENT_PORT pick other ports. Ctrl+C stops
 * all three.
 */
import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { exitIfPortTaken, portOrExit, startSandboxBesideApp } from '../sandbox/beside-app.js';
import { EXIT_PORT_TAKEN } from '../sandbox/ports.js';
import { loopbackOrigins } from '../sandbox/origins.js';

const command = 'npm start';
const port = portOrExit('PORT', 4173);
const sandboxPort = portOrExit('SANDBOX_PORT', 8787);
const agentPort = portOrExit('WSI_AGENT_PORT', 8790);
const AGENT_CLI = fileURLToPath(new URL('../agent/cli.js', import.meta.url));
/** Restarts in a row after crashes; each restart makes a new token, so the banner is printed again. */
const AGENT_RESTARTS = 3;

let server;
try {
  server = await preview({ preview: { host: '127.0.0.1', port, strictPort: true } });
} catch (error) {
  exitIfPortTaken(error, { server: 'the app', port, change: `PORT=${port + 1} ${command}` });
  throw error;
}
const app = server;
const appPort = /** @type {import('node:net').AddressInfo} */ (app.httpServer.address()).port;

/**
 * @param {number | null} code
 * @param {NodeJS.Signals | null} signal
 */
const describeExit = (code, signal) => (signal ? `was killed by ${signal}` : `exited with code ${code}`);

/**
 * The agent as a supervised child: restarted after a crash, stopped with the app. The app works without it, so
 * an agent that cannot start (its port taken) is reported and left down rather than ending `npm start`.
 */
function superviseAgent() {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let stopping = false;
  let failures = 0;
  const start = () => {
    let listened = false;
    const args = ['--port', String(agentPort), '--app-url', `http://localhost:${appPort}/`];
    for (const origin of loopbackOrigins(appPort)) args.push('--allow-origin', origin);
    const current = fork(AGENT_CLI, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child = current;
    // Its banner is passed through line by line; the token line says it listens.
    createInterface({ input: /** @type {import('node:stream').Readable} */ (current.stdout) }).on(
      'line',
      (line) => {
        if (line.startsWith('Agent token:')) listened = true;
        console.log(line);
      },
    );
    current.on('exit', (code, signal) => {
      child = undefined;
      if (stopping) return;
      if (!listened) {
        // Exit code 3: the agent has said which port is taken (on stderr, passed through).
        const why =
          code === EXIT_PORT_TAKEN ? `its port ${agentPort} is taken` : `it ${describeExit(code, signal)}`;
        console.error(
          `The agent is not running (${why}); the app works without it. ` +
            `WSI_AGENT_PORT=${agentPort + 1} ${command} gives it another port.`,
        );
        return;
      }
      failures += 1;
      const how = describeExit(code, signal);
      if (failures > AGENT_RESTARTS) {
        console.error(`The agent ${how}; ${AGENT_RESTARTS} restarts failed, so it stays down.`);
        return;
      }
      console.error(`The agent ${how}; restarting it (a new token: pair again with the new link).`);
      setTimeout(start, 1_000);
    });
  };
  start();
  return {
    /** @returns {Promise<void>} */
    stop() {
      stopping = true;
      const running = child;
      if (!running || running.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
  };
}

console.log(`\nWS Inspector: http://localhost:${appPort}/`);
const agent = superviseAgent();
await startSandboxBesideApp({
  appPort,
  sandboxPort,
  command,
  closeApp: async () => {
    await Promise.all([agent.stop(), app.close()]);
  },
});
