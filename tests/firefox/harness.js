// @ts-check
/**
 * The Firefox suite's footing: the built app and the sandbox, as for Chromium, and Debian's firefox-esr driven by
 * puppeteer-core over WebDriver BiDi. It covers what differs between engines: the scroll-height cap, IndexedDB,
 * workers and the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import puppeteer from 'puppeteer-core';
import { preview } from 'vite';
import { startSandbox } from '../../sandbox/server.js';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * @typedef {object} FirefoxEnvironment
 * @property {string} appUrl
 * @property {string} wsUrl
 * @property {(path?: string) => Promise<import('puppeteer-core').Page>} open a page in a fresh browser context
 */

/** @returns {FirefoxEnvironment} */
export function useFirefox() {
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  /** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
  let sandbox;
  /** @type {Awaited<ReturnType<typeof preview>> | undefined} */
  let server;
  /** @type {import('puppeteer-core').BrowserContext[]} */
  let contexts = [];
  /** @type {string[]} */
  let problems = [];

  /** @type {FirefoxEnvironment} */
  const env = {
    appUrl: '',
    wsUrl: '',
    async open(path = '') {
      if (!browser) throw new Error('Firefox is not running');
      const context = await browser.createBrowserContext();
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) =>
        problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`),
      );
      page.on('console', (message) => {
        if (message.text().startsWith('CSP violation')) problems.push(message.text());
      });
      await page.evaluateOnNewDocument(() => {
        addEventListener('securitypolicyviolation', (event) => {
          console.error(
            `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`,
          );
        });
      });
      await page.goto(env.appUrl + path);
      return page;
    },
  };

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
    const address = /** @type {import('node:net').AddressInfo} */ (server.httpServer.address());
    env.appUrl = `http://127.0.0.1:${address.port}/`;
    env.wsUrl = `ws://127.0.0.1:${sandbox.port}`;
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      protocol: 'webDriverBiDi',
      // The Chromium suite's window size.
      defaultViewport: { width: 1280, height: 720 },
    });
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    const found = problems;
    problems = [];
    assert.deepEqual(found, [], 'the page threw or broke its Content-Security-Policy');
  });

  after(async () => {
    await browser?.close();
    await sandbox?.close();
    await server?.close();
  });

  return env;
}

/**
 * Waits until the Frame count's last number is `expected`.
 * @param {import('puppeteer-core').Page} page
 * @param {number} expected
 */
export async function waitForMessageCount(page, expected, timeout = 20_000) {
  await page.waitForFunction(
    (n) => {
      const text = document.querySelector('[aria-label="Frame count"]')?.textContent ?? '';
      return Number(((text.match(/\d[\d,]*/g) ?? []).at(-1) ?? '').replace(/,/g, '')) === n;
    },
    { timeout },
    expected,
  );
}

/**
 * Waits for a grid row with this seq whose text contains `text`.
 * @param {import('puppeteer-core').Page} page
 * @param {number} seq
 * @param {string} text
 */
export async function waitForRow(page, seq, text) {
  await page.waitForFunction(
    (index, wanted) =>
      [...document.querySelectorAll(`[role="grid"] [role="row"][aria-rowindex="${index}"]`)].some((row) =>
        (row.textContent ?? '').includes(wanted),
      ),
    {},
    seq + 2,
    text,
  );
}
