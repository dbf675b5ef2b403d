// @ts-check
/** What the sandbox tests share: connecting with a chosen Origin, reading closes, and child-process probes. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';

export const CLI = fileURLToPath(new URL('../../sandbox/cli.js', import.meta.url));

/**
 * Every message a socket receives, from its first: a server may send one in the same packet as the handshake,
 * before anyone could listen for it.
 */
export class Inbox {
  /** @type {{ data: Buffer, isBinary: boolean }[]} */
  #messages = [];
  /** @type {(() => void) | undefined} */
  #arrived;

  /** @param {WebSocket} ws */
  constructor(ws) {
    ws.on('message', (data, isBinary) => {
      this.#messages.push({ data: /** @type {Buffer} */ (data), isBinary });
      this.#arrived?.();
    });
  }

  get count() {
    return this.#messages.length;
  }

  /** Resolves with the next message not yet taken. */
  async next() {
    while (this.#messages.length === 0)
      await new Promise((resolve) => (this.#arrived = () => resolve(undefined)));
    return /** @type {{ data: Buffer, isBinary: boolean }} */ (this.#messages.shift());
  }
}

/** @type {WeakMap<WebSocket, Inbox>} */
const inboxes = new WeakMap();

/** @param {WebSocket} ws a socket made by connect or open */
export function inboxOf(ws) {
  return /** @type {Inbox} */ (inboxes.get(ws));
}

/**
 * Opens a WebSocket; resolves with it once open, or with the HTTP status and body that refused the handshake.
 * @param {string} url
 * @param {import('ws').ClientOptions & { protocols?: string[] }} [options]
 * @returns {Promise<{ ws: WebSocket } | { status: number, body: string }>}
 */
export function connect(url, { protocols = [], ...options } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    inboxes.set(ws, new Inbox(ws));
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

/**
 * Like connect, but fails the test unless the handshake succeeds.
 * @param {string} url
 * @param {import('ws').ClientOptions & { protocols?: string[] }} [options]
 */
export async function open(url, options) {
  const result = await connect(url, options);
  if ('ws' in result) return result.ws;
  throw new Error(`expected ${url} to open, got HTTP ${result.status}: ${result.body}`);
}

/**
 * @param {WebSocket} ws
 * @returns {Promise<{ code: number, reason: string }>}
 */
export async function closeOf(ws) {
  const [code, reason] = await once(ws, 'close');
  return { code, reason: reason.toString() };
}

/**
 * Runs sandbox/cli.js in a child process on a free port, as `npm run sandbox` does.
 * @param {string[]} [args]
 */
export async function spawnSandbox(args = []) {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const listening = output.match(/listening on [\d.]+:(\d+)/);
      if (listening) resolve(Number(listening[1]));
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} before listening`)));
  });
  return {
    child,
    pid: /** @type {number} */ (child.pid),
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The most memory the process has held at once (VmHWM), in bytes.
 * @param {number} pid
 */
export async function peakRss(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = status.match(/^VmHWM:\s+(\d+) kB/m);
  if (!kib) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(kib[1]) * 1024;
}

/** @param {number} pid */
async function cpuTicks(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name: utime and stime are the 14th and 15th of the whole line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Resolves once the process has used no CPU for `quietMs`: whatever it was going to allocate for a request it
 * has allocated by then (a sandbox that queues without bound does it in its first moments). Rejects if it is
 * still busy after `withinMs`.
 * @param {number} pid
 * @param {{ quietMs?: number, withinMs?: number }} [options]
 */
export async function untilIdle(pid, { quietMs = 600, withinMs = 15_000 } = {}) {
  const step = 100;
  const deadline = Date.now() + withinMs;
  let last = await cpuTicks(pid);
  let quiet = 0;
  while (quiet < quietMs) {
    if (Date.now() > deadline) throw new Error(`pid ${pid} was still busy after ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, step));
    const now = await cpuTicks(pid);
    quiet = now === last ? quiet + step : 0;
    last = now;
  }
}

export const MiB = 1024 * 1024;
