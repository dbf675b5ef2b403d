// @ts-check
/**
 * `npm run bench`: how fast the app records, measured against a bare page in the same run.
 *
 * For each case the sandbox streams N messages as fast as backpressure allows, alternately to a bare page that
 * only counts `onmessage` and to the app, which records every frame into IndexedDB. Rates come from the pages'
 * own receive timestamps, so polling adds no error. Figures are printed as a table and as JSON.
 */
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { startSandbox } from '../sandbox/server.js';
import { seedSession } from '../tests/e2e/fixtures/seed-bundle.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CASES = [
  { name: '200,000 × 100 B text', count: 200_000, size: 100, binary: false },
  { name: '2,000 × 64 KB binary', count: 2_000, size: 65_536, binary: true },
];

const sandbox = await startSandbox({ port: 0 });
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
const address = /** @type {import('node:net').AddressInfo} */ (server.httpServer.address());
const appUrl = `http://127.0.0.1:${address.port}/`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--enable-precise-memory-info',
  ],
});

/** Long tasks, watched from before the app's first script. */
const WATCH_LONG_TASKS = `
  window.__longestTask = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

/** @param {{ count: number, size: number, binary: boolean }} c */
const streamUrl = (c) =>
  `ws://127.0.0.1:${sandbox.port}/stream?count=${c.count}&size=${c.size}&binary=${c.binary ? 1 : 0}`;

/** @param {{ count: number, size: number, binary: boolean }} c */
async function runBare(c) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl + 'favicon.svg');
  const result = await page.evaluate(
    ({ url, count }) =>
      new Promise((resolve) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        let received = 0;
        let first = 0;
        ws.onmessage = () => {
          const now = performance.now();
          if (received === 0) first = now;
          if (++received === count) {
            resolve({ received, seconds: (now - first) / 1000 });
            ws.close();
          }
        };
      }),
    { url: streamUrl(c), count: c.count },
  );
  await context.close();
  const { received, seconds } = /** @type {{ received: number, seconds: number }} */ (result);
  return { rate: (received - 1) / seconds };
}

/** @param {{ count: number, size: number, binary: boolean }} c */
async function runApp(c) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(WATCH_LONG_TASKS);
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Connect' }).waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  await page.getByLabel('URL', { exact: true }).fill(streamUrl(c));
  await page.getByRole('button', { name: 'Connect' }).click();
  const expectedRecords = c.count + 2; // the connecting note and open come first
  await page.waitForFunction(
    (n) => {
      const text = document.querySelector('[aria-label="Saved records"]')?.textContent ?? '';
      return Number((text.match(/^\s*([\d,]+)/)?.[1] ?? '0').replace(/,/g, '')) >= n;
    },
    expectedRecords,
    { timeout: 300_000, polling: 100 },
  );
  const saving = (await page.getByLabel('Saved records').textContent()) ?? '';
  const longestTask = await page.evaluate(() => /** @type {any} */ (window).__longestTask);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapAfter = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  // Count what reached IndexedDB, and the receive times of the first and last message, from the stored chunks.
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
  const lag = /p50 (\d+) ms, p99\s+(\d+) ms/.exec(saving);
  return {
    rate: (stored.messages - 1) / stored.seconds,
    persisted: stored.messages,
    lagP50: Number(lag?.[1]),
    lagP99: Number(lag?.[2]),
    heapPerFrame: (heapAfter - heapBefore) / c.count,
    longestTask,
  };
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const report = [];
for (const c of CASES) {
  /** @type {number[]} */
  const bare = [];
  /** @type {Awaited<ReturnType<typeof runApp>>[]} */
  const app = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push((await runBare(c)).rate);
    app.push(await runApp(c));
  }
  const bareRate = median(bare);
  const appRate = median(app.map((a) => a.rate));
  const row = {
    case: c.name,
    bareMsgsPerSec: Math.round(bareRate),
    appMsgsPerSec: Math.round(appRate),
    ratio: Number((appRate / bareRate).toFixed(2)),
    persisted: `${Math.min(...app.map((a) => a.persisted))}/${c.count}`,
    lagP50ms: Math.max(...app.map((a) => a.lagP50)),
    lagP99ms: Math.max(...app.map((a) => a.lagP99)),
    heapPerFrameB: Math.round(Math.max(...app.map((a) => a.heapPerFrame))),
    payloadB: c.size,
    longestTaskMs: Math.round(Math.max(...app.map((a) => a.longestTask))),
  };
  report.push(row);
  console.log(JSON.stringify(row));
}
console.table(report);

/**
 * Reopening a stored session of 1,000,000 frames: from the click in the Sessions list to its last row on screen,
 * and the JS heap it then holds.
 */
async function runReopen() {
  const count = 1_000_000;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(appUrl);
  await seedSession(page, count);
  await page.reload();
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  const item = page
    .getByRole('list', { name: 'Sessions' })
    .getByRole('listitem')
    .filter({ hasText: 'seeded' });
  await item.waitFor();
  const lastRow = page
    .locator(`[role="row"][aria-rowindex="${count + 1}"]`)
    .filter({ hasText: `"seq":${count - 1}` });
  const started = Date.now();
  await item.getByRole('button').first().click();
  await lastRow.waitFor({ timeout: 30_000 });
  const ms = Date.now() - started;
  await cdp.send('HeapProfiler.collectGarbage');
  const heapMb = ((await cdp.send('Runtime.getHeapUsage')).usedSize - heapBefore) / 2 ** 20;
  await context.close();
  return { ms, heapMb };
}

const reopen = [];
for (let round = 0; round < ROUNDS; round++) reopen.push(await runReopen());
const reopenRow = {
  case: 'reopen a stored 1,000,000-frame session',
  lastRowsOnScreenMs: Math.round(Math.max(...reopen.map((r) => r.ms))),
  heapAfterOpenMB: Number(Math.max(...reopen.map((r) => r.heapMb)).toFixed(1)),
};
console.log(JSON.stringify(reopenRow));

console.log(
  `${new Date().toISOString()} · ${ROUNDS} rounds, medians (worst for lag, heap, tasks) · Chromium ${browser.version()}`,
);

await browser.close();
await sandbox.close();
await server.close();
