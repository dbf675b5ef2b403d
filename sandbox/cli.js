// @ts-check
/**
 * `npm run sandbox [-- --port 8787 --host 127.0.0.1 --allow-origin http://example.test]`; SANDBOX_PORT,
 * SANDBOX_HOST and SANDBOX_ALLOW_ORIGINS (a comma list) work too.
 *
 * Run by a supervisor (./supervise.js, over an IPC channel) it reports {type: 'listening', port, url} instead of
 * printing its banner, exits when the channel closes so that it never outlives its parent, and exits with
 * EXIT_PORT_TAKEN when its port is taken.
 */
import { parseArgs } from 'node:util';
import { parseOrigin } from './origins.js';
import { EXIT_PORT_TAKEN, isPortTaken, portTakenMessage } from './ports.js';
import { describe, startSandbox } from './server.js';

const supervised = typeof process.send === 'function';

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(message);
  process.exit(2);
}

/** The command line and the environment, checked: a mistake ends the process with a message. */
function readOptions() {
  let values;
  try {
    values = parseArgs({
      options: {
        port: { type: 'string', default: process.env.SANDBOX_PORT || '8787' },
        host: { type: 'string', default: process.env.SANDBOX_HOST || '127.0.0.1' },
        'allow-origin': { type: 'string', multiple: true, default: [] },
      },
    }).values;
  } catch (error) {
    fail(
      `${/** @type {Error} */ (error).message}\nUsage: npm run sandbox -- --port 8787 --allow-origin <origin>`,
    );
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port ${values.port} is not a port (0 to 65535).`);
  const fromEnv = (process.env.SANDBOX_ALLOW_ORIGINS ?? '').split(',').filter((text) => text.trim() !== '');
  try {
    return {
      port,
      host: values.host,
      allowOrigins: [...values['allow-origin'], ...fromEnv].map(parseOrigin),
    };
  } catch (error) {
    fail(`--allow-origin: ${/** @type {Error} */ (error).message}`);
  }
}

/** @param {ReturnType<typeof readOptions>} options */
async function listen(options) {
  try {
    return await startSandbox(options);
  } catch (error) {
    if (!isPortTaken(error)) throw error;
    if (!supervised) {
      const change = 'npm run sandbox -- --port 9000 (or SANDBOX_PORT=9000)';
      console.error(portTakenMessage({ server: 'the sandbox', port: options.port, change }));
    }
    process.exit(EXIT_PORT_TAKEN);
  }
}

const options = readOptions();
const sandbox = await listen(options);
const stop = () => sandbox.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

if (supervised) {
  process.once('disconnect', stop);
  process.send?.({ type: 'listening', port: sandbox.port, url: sandbox.url });
} else {
  console.log(`WS Inspector sandbox listening on ${sandbox.host}:${sandbox.port}\n${describe(sandbox.url)}`);
  if (options.allowOrigins.length) {
    console.log(`Pages from these origins may also connect: ${options.allowOrigins.join(', ')}`);
  }
}
if (!['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
  console.warn(
    `Warning: ${options.host} is not a loopback address: anyone who can reach it may use the sandbox.`,
  );
}
