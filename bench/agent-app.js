// @ts-check
/**
 * Recording through the local agent (docs/agent.md) against recording directly, each against a bare page, in the
 * same run: the sandbox streams 100 B text messages as fast as backpressure allows; the agent is started here on a
 * free port with its own token, and the app is paired with it through the pairing link, as a person pairs it.
 * The target: through the agent at least 0.8× the direct rate.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { shownCount } from '../tests/shared/probes.js';
import { openInstalledApp } from './app-page.js';

export const AGENT_CASE = 'record 200,000 × 100 B text through the agent';
const COUNT = 200_000;

/** A port nothing listens on: taken, then given back. */
async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The agent CLI as a person runs it, allowing the app's origin; resolves once it printed its token.
 * @param {string} appUrl
 */
async function startAgent(appUrl) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['agent/cli.js', '--port', String(port), '--allow-origin', new URL(appUrl).origin, '--app-url', appUrl],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let token = '';
  for await (const line of createInterface({
    input: /** @type {import('node:stream').Readable} */ (child.stdout),
  })) {
    token = /^Agent token: (\S+)$/.exec(line)?.[1] ?? '';
    if (token) break;
  }
  if (!token) throw new Error('The agent printed no token.');
  const stop = async () => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  };
  return { url: `ws://127.0.0.1:${port}`, token, stop };
}

/**
 * A page that only counts `onmessage`, timed by its own receive timestamps.
 * @param {import('playwright-core').Browser} browser
 * @param {string} appUrl
 * @param {string} url
 */
async function runBare(browser, appUrl, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl + 'favicon.svg');
  const seconds = await page.evaluate(
    ({ url, count }) =>
      new Promise((resolve) => {
        const ws = new WebSocket(url);
        let received = 0;
        let first = 0;
        ws.onmessage = () => {
          const now = performance.now();
          if (received === 0) first = now;
          if (++received < count) return;
          ws.close();
          resolve((now - first) / 1000);
        };
      }),
    { url, count: COUNT },
  );
  await context.close();
  return (COUNT - 1) / /** @type {number} */ (seconds);
}

/**
 * The app recording the stream, directly or through the agent; the rate comes from the receive times of the
 * first and last message as stored in IndexedDB.
 * @param {import('playwright-core').Browser} browser
 * @param {string} appUrl
 * @param {string} url
 * @param {{ url: string, token: string } | null} agent
 */
async function runApp(browser, appUrl, url, agent) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (agent) {
    const fragment = new URLSearchParams({ 'agent-token': agent.token, 'agent-url': agent.url });
    await openInstalledApp(page, `${appUrl}index.html#${fragment}`);
    await page.getByRole('status', { name: 'Agent state' }).filter({ hasText: 'connected' }).waitFor();
  } else {
    await openInstalledApp(page, appUrl);
  }
  await page.getByLabel('URL', { exact: true }).fill(url);
  // The stream saturates the page at once: the click must not wait for the page to settle afterwards.
  await page.getByRole('button', { name: 'Connect', exact: true }).click({ noWaitAfter: true });
  // Besides the messages: the connecting note and the open, and through the agent the handshake's note.
  const records = COUNT + (agent ? 3 : 2);
  await page.waitForFunction(
    shownCount,
    { label: 'Saved records', least: records },
    { timeout: 300_000, polling: 100 },
  );
  const stored = await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('wsi-frames');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = /** @type {IDBDatabase} */ (db).transaction('frames').objectStore('frames');
    const all = await new Promise((resolve) => {
      const request = store.getAll();
      request.onsuccess = () => resolve(request.result);
    });
    let messages = 0;
    let first = Infinity;
    let last = 0;
    for (const value of /** @type {any[]} */ (all)) {
      if (!('flags' in value)) continue;
      for (let i = 0; i < value.count; i++) {
        if ((value.flags[i] & 0x0f) > 1) continue; // an event, not a message
        messages++;
        first = Math.min(first, value.t[i]);
        last = Math.max(last, value.t[i]);
      }
    }
    return { messages, seconds: (last - first) / 1000 };
  });
  await context.close();
  if (stored.messages !== COUNT) throw new Error(`${stored.messages} of ${COUNT} messages were stored.`);
  return (stored.messages - 1) / stored.seconds;
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * @param {{ browser: import('playwright-core').Browser, appUrl: string, wsUrl: string, rounds: number }} options
 */
export async function runAgentCase({ browser, appUrl, wsUrl, rounds }) {
  const url = `${wsUrl}/stream?count=${COUNT}&size=100&binary=0`;
  const agent = await startAgent(appUrl);
  /** @type {{ bare: number[], direct: number[], through: number[] }} */
  const rates = { bare: [], direct: [], through: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      rates.bare.push(await runBare(browser, appUrl, url));
      rates.direct.push(await runApp(browser, appUrl, url, null));
      rates.through.push(await runApp(browser, appUrl, url, agent));
    }
  } finally {
    await agent.stop();
  }
  const [bare, direct, through] = [median(rates.bare), median(rates.direct), median(rates.through)];
  return {
    case: AGENT_CASE,
    bareMsgsPerSec: Math.round(bare),
    directMsgsPerSec: Math.round(direct),
    agentMsgsPerSec: Math.round(through),
    directRatio: Number((direct / bare).toFixed(2)),
    agentRatio: Number((through / bare).toFixed(2)),
    agentVsDirect: Number((through / direct).toFixed(2)),
    rounds: rates,
  };
}
