// @ts-check
/**
 * `node tests/agent/bench.js [messages]`: how fast 100-byte messages from a ws server are received directly and
 * through the agent. The server runs in a worker thread and the agent in its own process, as they would for real;
 * the receiving side stands in for the app. Prints both rates and their ratio (target ≥ 0.8).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { APP_ORIGIN, AppPeer } from './helpers.js';

const MESSAGES = Number(process.argv[2] ?? 300_000);
const SIZE = 100;
const ROUNDS = 3;

const server = new Worker(new URL('./bench-server.js', import.meta.url));
const [port] = await once(server, 'message');
const target = `ws://127.0.0.1:${port}/?count=${MESSAGES}`;

const agent = spawn(
  process.execPath,
  [fileURLToPath(new URL('../../agent/cli.js', import.meta.url)), '--port', '0'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let banner = '';
while (!banner.includes('Pair the app')) banner += (await once(agent.stdout, 'data'))[0];
const token = /** @type {string} */ (/^Agent token: (\S+)$/m.exec(banner)?.[1]);
const agentUrl = /** @type {string} */ (/listening on (\S+)/.exec(banner)?.[1]);

/** Messages per second received straight from the server. */
async function direct() {
  const socket = new WebSocket(target, { perMessageDeflate: false });
  let received = 0;
  const started = performance.now();
  await new Promise((resolve) => socket.on('message', () => ++received === MESSAGES && resolve(undefined)));
  const rate = MESSAGES / ((performance.now() - started) / 1000);
  socket.close();
  return rate;
}

/** Messages per second received through the agent, counted as relayed frames. */
async function throughAgent() {
  const peer = await AppPeer.connect(agentUrl, { token, origin: APP_ORIGIN, keepFrames: false });
  const started = performance.now();
  peer.send({ type: 'open', id: 1, url: target, perMessageDeflate: false });
  await peer.waitFor(() => peer.frameCount === MESSAGES, 120_000);
  const rate = MESSAGES / ((performance.now() - started) / 1000);
  peer.socket.close();
  return rate;
}

const directRates = [];
const agentRates = [];
for (let round = 0; round < ROUNDS; round++) {
  directRates.push(await direct());
  agentRates.push(await throughAgent());
}
const median = (/** @type {number[]} */ values) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const directRate = median(directRates);
const agentRate = median(agentRates);
console.log(`${MESSAGES} messages of ${SIZE} B, median of ${ROUNDS} rounds`);
console.log(`direct:        ${Math.round(directRate).toLocaleString('en')} msg/s`);
console.log(`through agent: ${Math.round(agentRate).toLocaleString('en')} msg/s`);
console.log(`ratio:         ${(agentRate / directRate).toFixed(2)} (target ≥ 0.80)`);

agent.kill('SIGTERM');
await server.terminate();
