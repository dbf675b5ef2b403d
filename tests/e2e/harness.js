// @ts-check
/**
 * What every end-to-end test stands on: the built app served by Vite's preview server, the real sandbox on a free
 * port, and Debian's Chromium driven by playwright-core. Everything listens on 127.0.0.1 and stops in `after`.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';
import { reportCspViolations, shownCount } from '../shared/probes.js';
import { startServers } from '../shared/servers.js';
import { seedSession, showSeededSession } from '../shared/seed-bundle.js';
import { CHROMIUM, LAUNCH_ARGS } from '../shared/chromium.js';

/**
 * @typedef {object} Environment
 * @property {string} appUrl the built app
 * @property {string} wsUrl the sandbox, e.g. ws://127.0.0.1:40123
 * @property {(query?: Record<string, string>) => Promise<import('playwright-core').Page>} open
 *   a new page, in a context of its own (fresh storage), on the app with that query string
 * @property {() => string[]} takeCspViolations the violations reported so far, which then no longer fail the test
 */

/**
 * Starts the app, the sandbox and Chromium for one test file, and checks after each test that no page threw.
 * @returns {Environment}
 */
export function useEnvironment() {
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  /** @type {Awaited<ReturnType<typeof startServers>> | undefined} */
  let servers;
  /** @type {import('playwright-core').BrowserContext[]} */
  let contexts = [];
  /** @type {string[]} */
  let pageErrors = [];
  /** @type {string[]} */
  let cspViolations = [];

  /** @type {Environment} */
  const env = {
    appUrl: '',
    wsUrl: '',
    async open(query = {}) {
      if (!browser) throw new Error('the browser is not running');
      const context = await browser.newContext();
      contexts.push(context);
      // Every page reports Content-Security-Policy violations; any one fails the test (see afterEach).
      await context.addInitScript(reportCspViolations);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.text().startsWith('CSP violation')) cspViolations.push(message.text());
      });
      await page.goto(`${env.appUrl}?${new URLSearchParams(query)}`);
      return page;
    },
    takeCspViolations() {
      const taken = cspViolations;
      cspViolations = [];
      return taken;
    },
  };

  before(async () => {
    servers = await startServers();
    env.appUrl = servers.appUrl;
    env.wsUrl = servers.wsUrl;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    const errors = pageErrors;
    const violations = cspViolations;
    pageErrors = [];
    cspViolations = [];
    assert.deepEqual(errors, [], 'the page threw');
    assert.deepEqual(violations, [], 'the page broke its Content-Security-Policy');
  });

  after(async () => {
    await browser?.close();
    await servers?.close();
  });

  return env;
}

/**
 * The number the Frame count ends with: the messages in the session on screen (see docs/ui-contract.md).
 * @param {import('playwright-core').Page} page
 */
export async function messageCount(page) {
  return (await page.evaluate(shownCount, {}))?.count ?? 0;
}

/**
 * Waits until the Frame count reaches `expected` messages.
 * @param {import('playwright-core').Page} page
 * @param {number} expected
 */
export async function waitForMessageCount(page, expected, timeout = 15_000) {
  await page.waitForFunction(shownCount, { least: expected, most: expected }, { timeout });
}

/**
 * Opens the app on a sandbox path and connects through the deep link.
 * @param {Environment} env
 * @param {string} path e.g. /echo
 * @param {Record<string, string>} [extra] more deep-link parameters
 */
export async function openConnected(env, path, extra = {}) {
  const page = await env.open({ url: env.wsUrl + path, connect: '1', ...extra });
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  return page;
}

/**
 * The grid's rows whose direction cell reads `direction` (sent, received, open, close, error, note).
 * @param {import('playwright-core').Page} page
 * @param {string} direction
 */
export function rowsOf(page, direction) {
  return page
    .getByRole('grid', { name: 'Frames' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: direction, exact: true }) });
}

/**
 * A new page with a seeded, closed session of `count` messages (see tests/shared/seed-data.js), opened in the grid.
 * @param {Environment} env
 * @param {number} count
 */
export async function openSeeded(env, count) {
  const page = await env.open();
  await seedSession(page, count);
  await showSeededSession(page);
  await waitForMessageCount(page, count);
  return page;
}

/**
 * The grid's row for record `seq`, when it is rendered.
 * @param {import('playwright-core').Page} page
 * @param {number} seq
 */
export function row(page, seq) {
  return page.getByRole('grid', { name: 'Frames' }).locator(`[role="row"][aria-rowindex="${seq + 2}"]`);
}

/**
 * Opens the Export menu (Export session, Export HAR, Share, Copy share link, Include secrets) unless it is open.
 * @param {import('playwright-core').Page} page
 */
export async function openExportMenu(page) {
  const toggle = page
    .getByRole('region', { name: 'Export and share' })
    .getByRole('button', { name: 'Export', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
