// @ts-check
/** Reading ports from the environment, and saying so plainly when one is taken. */

/** The sandbox's exit code when its port is taken, so that a supervisor can tell it from a crash. */
export const EXIT_PORT_TAKEN = 3;

/**
 * @param {string} name an environment variable, e.g. PORT
 * @param {number} fallback
 * @returns {number}
 * @throws {Error} with a message naming the variable when its value is not a port
 */
export function portFromEnv(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `${name}=${text} is not a port: give a whole number from 0 to 65535 (0 for any free port).`,
    );
  }
  return port;
}

/**
 * Node's listen errors carry code EADDRINUSE; Vite's own strictPort check only says so in its message.
 * @param {unknown} error
 */
export function isPortTaken(error) {
  if (!(error instanceof Error)) return false;
  return (
    /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE' || /already in use/.test(error.message)
  );
}

/**
 * @param {object} what
 * @param {string} what.server e.g. "the app"
 * @param {number} what.port
 * @param {string} what.change how to pick another port, e.g. "PORT=4174 npm start"
 */
export function portTakenMessage({ server, port, change }) {
  return `Port ${port} (${server}) is already in use by another program.\nStop that program, or pick another port: ${change}`;
}

/** An error that says which port was taken, as isPortTaken recognizes it. */
export class PortTakenError extends Error {
  code = 'EADDRINUSE';

  /** @param {number} port */
  constructor(port) {
    super(`Port ${port} is already in use`);
    this.port = port;
  }
}
