// @ts-check
/**
 * A real MQTT broker, Debian's mosquitto (2.0, MQTT 5 / 3.1.1 / 3.1), on free ports of 127.0.0.1: a plain TCP
 * listener and a WebSocket listener (`Sec-WebSocket-Protocol: mqtt`), anonymous clients allowed. Mosquitto refuses
 * to start with only WebSocket listeners ("Unable to start any listening sockets"), hence the plain one. It stops
 * by itself after `lifetimeMs`, and when this process exits, so a failed test never leaves it running.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';

/**
 * @param {{ lifetimeMs?: number }} [options]
 * @returns {Promise<{ url: string, tcpPort: number, close: () => Promise<void> }>} url: the WebSocket endpoint
 */
export async function startMqttServer(options = {}) {
  const { lifetimeMs = 120_000 } = options;
  const tcpPort = await freePort();
  const wsPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wsi-mosquitto-'));
  chmodSync(dir, 0o755); // run as root, mosquitto drops to its own user, which must still read the config
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(
    config,
    [
      'persistence false',
      'log_dest stderr',
      'log_type error',
      'allow_anonymous true',
      `listener ${tcpPort} 127.0.0.1`,
      `listener ${wsPort} 127.0.0.1`,
      'protocol websockets',
      '',
    ].join('\n'),
  );
  const broker = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  broker.stderr.on('data', (chunk) => (log += String(chunk)));
  const exited = new Promise((resolve) => broker.once('exit', resolve));
  const stopOnExit = () => broker.kill('SIGKILL');
  process.once('exit', stopOnExit);

  /** @type {Promise<void> | undefined} */
  let closing;
  const close = () =>
    (closing ??= (async () => {
      clearTimeout(lifetime);
      process.removeListener('exit', stopOnExit);
      if (broker.exitCode === null && broker.signalCode === null) broker.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    })());
  const lifetime = setTimeout(close, lifetimeMs);
  lifetime.unref();

  try {
    await Promise.race([
      waitForPort(wsPort),
      exited.then(() => Promise.reject(new Error(`mosquitto exited: ${log.trim()}`))),
    ]);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: `ws://127.0.0.1:${wsPort}`, tcpPort, close };
}

/** A port nobody listens on now: the system picks it, and it is freed again for mosquitto. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** @param {number} port */
async function waitForPort(port, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
