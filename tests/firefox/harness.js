// @ts-check
/**
 * The Firefox suite's footing: the built app and the sandbox, as for Chromium, and Debian's firefox-esr driven by
 * puppeteer-core over WebDriver BiDi. It covers what differs between engines: the scroll-height cap, IndexedDB,
 * workers and the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import puppeteer from 'puppeteer-core';
import { reportCspViolations, shownCount } from '../shared/probes.js';
import { startServers } from '../shared/servers.js';

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
  /** @type {Awaited<ReturnType<typeof startServers>> | undefined} */
  let servers;
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
      await page.evaluateOnNewDocument(reportCspViolations);
      await page.goto(env.appUrl + path);
      return page;
    },
  };

  before(async () => {
    servers = await startServers();
    env.appUrl = servers.appUrl;
    env.wsUrl = servers.wsUrl;
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
    await servers?.close();
  });

  return env;
}

/**
 * Waits until the Frame count's last number is `expected`.
 * @param {import('puppeteer-core').Page} page
 * @param {number} expected
 */
export async function waitForMessageCount(page, expected, timeout = 20_000) {
  await page.waitForFunction(shownCount, { timeout }, { least: expected, most: expected });
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
