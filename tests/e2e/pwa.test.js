// @ts-check
import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { preview } from 'vite';
import { INITIAL_JS_BUDGET_BYTES, initialJavaScript } from '../../scripts/bundle-budget.js';
import { openConnected, useEnvironment, waitForMessageCount } from './harness.js';
import { DIST_DIR } from '../shared/servers.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

test('after the first load a service worker controls the page; offline, a reload shows the app and its sessions', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByLabel('Message', { exact: true }).fill('kept for the train');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  const sessions = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
  await sessions.first().filter({ hasText: 'closed' }).waitFor();
  await controlled(page);

  await page.context().setOffline(true);
  // The app's address without the deep link, which would connect again.
  const response = await page.goto(env.appUrl);
  assert.equal(response?.fromServiceWorker(), true, 'the page came from the service worker');
  await sessions.first().filter({ hasText: 'closed' }).waitFor();
  await sessions.first().getByRole('button').first().click();
  await page
    .getByRole('grid', { name: 'Frames' })
    .getByRole('row')
    .filter({ hasText: 'kept for the train' })
    .first()
    .waitFor();
});

test('the manifest parses, Chromium finds the app installable, and its icons load', async () => {
  const page = await env.open();
  await controlled(page);
  const cdp = await page.context().newCDPSession(page);
  const { errors, data } = await cdp.send('Page.getAppManifest');
  assert.deepEqual(errors, []);
  const manifest = JSON.parse(data ?? '{}');
  assert.equal(manifest.name, 'WS Inspector');
  assert.equal(manifest.display, 'standalone');
  assert.ok(
    manifest.file_handlers.some(
      (/** @type {any} */ h) =>
        '.har' in
        Object.fromEntries(
          Object.values(h.accept)
            .flat()
            .map((e) => [e, 1]),
        ),
    ),
  );
  // A Playwright context is incognito-like, where Chromium never offers installing; nothing else may stand in the way.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(
    installabilityErrors.filter((error) => error.errorId !== 'in-incognito'),
    [],
  );

  const sizes = new Map();
  for (const icon of manifest.icons) {
    const response = await page.request.get(new URL(icon.src, env.appUrl).href);
    assert.equal(response.status(), 200, icon.src);
    const png = await response.body();
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG', icon.src);
    assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes, icon.src);
    sizes.set(`${icon.sizes} ${icon.purpose ?? 'any'}`, icon.src);
  }
  assert.deepEqual([...sizes.keys()].sort(), ['192x192 any', '512x512 any', '512x512 maskable']);
});

test('the app runs under its Content-Security-Policy, which stops injected script', async () => {
  const page = await env.open();
  // Asked of the server itself: the page may have come from the service worker's cache.
  const response = await page.request.get(env.appUrl);
  const header = response.headers()['content-security-policy'] ?? '';
  assert.match(header, /script-src 'self'/);
  assert.match(header, /frame-ancestors 'none'/);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(meta ?? '', /default-src 'self'; script-src 'self'; style-src 'self'/);

  // Each attempt is refused: by Trusted Types as the string is assigned (it throws), or by script-src when the
  // code would run, in a browser without Trusted Types. Either way it is reported.
  const ran = await page.evaluate(() => {
    const attempts = [
      () => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.append(script);
      },
      () => {
        const styled = document.createElement('div');
        styled.setAttribute('onclick', 'window.__injected = true');
        document.body.append(styled);
        styled.click();
      },
    ];
    for (const attempt of attempts) {
      try {
        attempt();
      } catch {
        // Refused by Trusted Types.
      }
    }
    return /** @type {any} */ (window).__injected === true;
  });
  assert.equal(ran, false);
  await page.waitForFunction(() => true);
  const violations = env.takeCspViolations();
  assert.ok(
    violations.some((v) => /script-src|require-trusted-types-for/.test(v)),
    violations.join('\n'),
  );
});

test('a new version is announced and applied only on the person’s word', async () => {
  // A copy of the build, served by a server of its own, so this test can deploy a "new version" of it.
  const dir = await mkdtemp(join(tmpdir(), 'wsi-pwa-'));
  await cp(DIST_DIR, dir, { recursive: true });
  const server = await preview({
    build: { outDir: dir },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  try {
    const address = /** @type {import('node:net').AddressInfo} */ (server.httpServer.address());
    const page = await env.open();
    await page.goto(`http://127.0.0.1:${address.port}/`);
    await controlled(page);
    const banner = page.getByRole('status').filter({ hasText: 'A new version of WS Inspector is ready' });
    assert.equal(await banner.count(), 0);

    await appendFile(join(dir, 'sw.js'), `\n// deployed ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await banner.waitFor();
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;
    await controlled(page);
    assert.equal(await banner.count(), 0);
    assert.match(
      await (await page.request.get(`http://127.0.0.1:${address.port}/sw.js`)).text(),
      /deployed \d+/,
    );
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the first screen loads no more than 60 KB of JavaScript, gzipped', async () => {
  const { files, gzipBytes } = initialJavaScript(DIST_DIR);
  assert.ok(files.length > 0);
  assert.ok(gzipBytes <= INITIAL_JS_BUDGET_BYTES, `${gzipBytes} bytes of initial JavaScript`);
  // And the heavy parts are out of it: the export and import code loads when first used.
  const initial = (await Promise.all(files.map((file) => readFile(join(DIST_DIR, file), 'utf8')))).join('');
  assert.doesNotMatch(initial, /_webSocketMessages/);
});
