// @ts-check
/**
 * The WebKit suite's footing: the built app and the sandbox, as for the other engines, and WebKitGTK's MiniBrowser
 * (Safari's engine) driven by Debian's WebKitWebDriver under a virtual X display (xvfb-run), over plain W3C
 * WebDriver. Each test gets its own browser session, so its storage starts empty.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, afterEach, before } from 'node:test';
import { startServers } from '../shared/servers.js';
import { WebDriverSession } from './webdriver.js';

export const MINIBROWSER =
  process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * @typedef {object} WebKitEnvironment
 * @property {string} appUrl
 * @property {string} wsUrl
 * @property {(path?: string) => Promise<WebDriverSession>} open a fresh browser on the app
 * @property {() => Promise<void>} stopApp stops serving the app (the sandbox keeps running), as going offline would
 */

/** @returns {WebKitEnvironment} */
export function useWebKit() {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let driver;
  let driverUrl = '';
  /** @type {Awaited<ReturnType<typeof startServers>> | undefined} */
  let servers;
  /** @type {WebDriverSession[]} */
  let sessions = [];

  /** @type {WebKitEnvironment} */
  const env = {
    appUrl: '',
    wsUrl: '',
    async open(path = '') {
      const session = await WebDriverSession.start(driverUrl, {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      });
      sessions.push(session);
      // Seeding a million frames takes WebKit longer than WebDriver's default 30 s.
      await session.setScriptTimeout(180_000);
      await session.navigate(env.appUrl + path);
      return session;
    },
    async stopApp() {
      await servers?.closeApp();
    },
  };

  before(async () => {
    servers = await startServers();
    env.appUrl = servers.appUrl;
    env.wsUrl = servers.wsUrl;
    const port = await freePort();
    driverUrl = `http://127.0.0.1:${port}`;
    // Its own process group, so the X server xvfb-run starts goes down with it.
    // A screen wider than xvfb-run's default, for the layout checks at 1440 px.
    const screen = ['-s', '-screen 0 1920x1200x24'];
    driver = spawn('xvfb-run', ['-a', ...screen, 'WebKitWebDriver', `--host=127.0.0.1`, `--port=${port}`], {
      detached: true,
      stdio: 'ignore',
    });
    await waitForDriver(driverUrl);
  });

  afterEach(async () => {
    await Promise.allSettled(sessions.map((session) => session.end()));
    sessions = [];
  });

  after(async () => {
    if (driver?.pid) process.kill(-driver.pid, 'SIGTERM');
    await servers?.close();
  });

  return env;
}

/** @returns {Promise<number>} a port free on 127.0.0.1 a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** @param {string} driverUrl */
async function waitForDriver(driverUrl) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${driverUrl}/status`)
      .then(async (response) => (await response.json()).value?.ready === true)
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error('WebKitWebDriver did not start within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A function body for `waitFor`: true once the Frame count's last number is `arguments[0]`. */
export const MESSAGE_COUNT_IS = `
  const numbers = document.querySelector('[aria-label="Frame count"]')?.textContent?.match(/\\d[\\d,]*/g) ?? [];
  return Number((numbers.at(-1) ?? '-1').replace(/,/g, '')) === arguments[0];`;

/** A function body for `waitFor`: true once a grid row with seq `arguments[0]` contains `arguments[1]`. */
export const ROW_CONTAINS = `
  return [...document.querySelectorAll('[role="grid"] [role="row"][aria-rowindex="' + (arguments[0] + 2) + '"]')]
    .some((row) => (row.textContent ?? '').includes(arguments[1]));`;

/**
 * Waits until the connection bar says open.
 * @param {WebDriverSession} browser
 */
export function waitForOpen(browser) {
  return browser.waitFor(
    `return /open/.test(document.querySelector('[aria-label="Connection state"]')?.textContent ?? '')`,
    { what: 'the connection to open' },
  );
}

/**
 * Clicks the button whose text is `text`.
 * @param {WebDriverSession} browser
 * @param {string} text
 */
export function clickButton(browser, text) {
  return browser.execute(
    `[...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === arguments[0]).click()`,
    [text],
  );
}

/**
 * Types a message into the composer and sends it.
 * @param {WebDriverSession} browser
 * @param {string} text
 */
export async function sendMessage(browser, text) {
  await browser.type('textarea#message', text);
  await clickButton(browser, 'Send');
}
