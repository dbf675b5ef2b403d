// @ts-check
/**
 * The least W3C WebDriver client the WebKit suite needs, over fetch: WebKitWebDriver speaks plain W3C WebDriver
 * (no BiDi, no CDP), and neither Playwright nor Puppeteer drives WebKitGTK, so a few HTTP calls are the honest way.
 */

/** The keys WebDriver's Element Send Keys and Actions use for Enter and the right arrow. */
export const ENTER = '\uE007';
export const ARROW_RIGHT = '\uE014';

/** The identifier W3C WebDriver puts an element reference under. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverSession {
  /**
   * @param {string} driverUrl e.g. http://127.0.0.1:4444
   * @param {string} id the session's id
   */
  constructor(driverUrl, id) {
    this.base = `${driverUrl}/session/${id}`;
  }

  /**
   * Starts a browser session.
   * @param {string} driverUrl
   * @param {Record<string, unknown>} capabilities
   */
  static async start(driverUrl, capabilities) {
    const value = await call('POST', `${driverUrl}/session`, { capabilities: { alwaysMatch: capabilities } });
    return new WebDriverSession(driverUrl, /** @type {{ sessionId: string }} */ (value).sessionId);
  }

  /** @param {number} ms how long an async script may run before WebDriver gives up on it */
  setScriptTimeout(ms) {
    return call('POST', `${this.base}/timeouts`, { script: ms });
  }

  /** @param {string} url */
  navigate(url) {
    return call('POST', `${this.base}/url`, { url });
  }

  /**
   * Runs a function body in the page; `arguments[0…]` are `args`.
   * @param {string} body
   * @param {unknown[]} [args]
   */
  execute(body, args = []) {
    return call('POST', `${this.base}/execute/sync`, { script: body, args });
  }

  /**
   * Runs a function body that calls `arguments[arguments.length - 1](result)` when done.
   * @param {string} body
   * @param {unknown[]} [args]
   */
  executeAsync(body, args = []) {
    return call('POST', `${this.base}/execute/async`, { script: body, args });
  }

  /**
   * Polls a function body until it returns something truthy, and returns that.
   * @param {string} body
   * @param {{ args?: unknown[], timeout?: number, what?: string }} [options]
   */
  async waitFor(body, { args = [], timeout = 20_000, what = body } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.execute(body, args);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for: ${what}`);
      // Polling is the only way to wait in plain WebDriver; each round trip already takes a few ms.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Sizes the window so the page's viewport (innerWidth × innerHeight) is `width` × `height`: the window's frame
   * differs between builds of MiniBrowser, so it is measured rather than assumed.
   * @param {number} width
   * @param {number} height
   */
  async setViewport(width, height) {
    const read = async () =>
      /** @type {{ width: number, height: number }} */ (
        await this.execute('return { width: innerWidth, height: innerHeight }')
      );
    let outer = { width, height };
    for (let tries = 0; tries < 4; tries++) {
      await call('POST', `${this.base}/window/rect`, outer);
      // GTK resizes the window asynchronously after the command returns, so the viewport is polled for a while
      // before the frame's size is measured from it.
      let inner = await read();
      for (const deadline = Date.now() + 2_000; Date.now() < deadline; inner = await read()) {
        if (inner.width === width && inner.height === height) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      outer = { width: outer.width + width - inner.width, height: outer.height + height - inner.height };
    }
    throw new Error(`the viewport could not be made ${width} × ${height}`);
  }

  /**
   * The first element a CSS selector finds, once there is one: parts of the app's screen (the composer, the grid)
   * are drawn just after the first paint.
   * @param {string} selector
   */
  async find(selector) {
    await this.waitFor('return document.querySelector(arguments[0]) !== null', {
      args: [selector],
      what: selector,
    });
    const value = await call('POST', `${this.base}/element`, { using: 'css selector', value: selector });
    return /** @type {Record<string, string>} */ (value)[ELEMENT_KEY];
  }

  /** @param {string} selector */
  async click(selector) {
    await call('POST', `${this.base}/element/${await this.find(selector)}/click`, {});
  }

  /**
   * Clears a field and types into it as a user would.
   * @param {string} selector
   * @param {string} text
   */
  async type(selector, text) {
    const element = await this.find(selector);
    await call('POST', `${this.base}/element/${element}/clear`, {});
    await call('POST', `${this.base}/element/${element}/value`, { text });
  }

  /**
   * Sends keys to an element as a user would (focusing it first), e.g. ARROW_RIGHT to a tab or a separator.
   * @param {string} selector
   * @param {string} keys
   */
  async sendKeys(selector, keys) {
    await call('POST', `${this.base}/element/${await this.find(selector)}/value`, { text: keys });
  }

  end() {
    return call('DELETE', this.base);
  }
}

/**
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 */
async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = /** @type {{ value: any }} */ (await response.json());
  if (!response.ok) throw new Error(`WebDriver ${method} ${url}: ${value?.error}: ${value?.message}`);
  return value;
}
