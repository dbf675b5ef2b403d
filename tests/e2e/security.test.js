// @ts-check
/**
 * The security review's findings, end to end (docs: /work/shared/design/security-review.md): Trusted Types and
 * the rest of the policy (L7), variable names from the prototype chain (L1), share links that would plant
 * profiles (M1), and a profile's secrets following the bar to another server (M2).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { openConnected, rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const profiles = (page) => page.getByRole('list', { name: 'Profiles' }).getByRole('listitem');
/** @param {import('playwright-core').Page} page */
const sessions = (page) => page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');

/** A share link's fragment as the app makes one, for any text: deflate-raw, then base64url. */
const shareFragment = (/** @type {string} */ text) =>
  `#session=${deflateRawSync(text).toString('base64url')}`;

test('the page runs under Trusted Types: the worker and service worker start, strings reach no script or HTML sink', async () => {
  const page = await openConnected(env, '/echo');
  const meta =
    (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  assert.match(meta, /require-trusted-types-for 'script'/);
  assert.match(meta, /trusted-types svelte-trusted-html wsi-script-url(;|$)/);
  assert.match(meta, /img-src 'self';/);
  const headers = (await page.request.get(env.appUrl)).headers();
  assert.match(headers['content-security-policy'] ?? '', /require-trusted-types-for 'script'/);
  assert.equal(headers['cross-origin-opener-policy'], 'same-origin');
  assert.equal(headers['x-frame-options'], 'DENY');

  // A filter runs in the search worker, which the page starts through its script URL policy.
  const box = page.getByLabel('Message', { exact: true });
  for (const text of ['alpha', 'beta']) {
    await box.fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await waitForMessageCount(page, 4);
  await page.getByLabel('Filter', { exact: true }).fill('beta');
  await page.getByLabel('Filter result').filter({ hasText: '2 of 6 match' }).waitFor();
  assert.ok(
    page.workers().some((worker) => /search-worker/.test(worker.url())),
    'the filter ran in the search worker',
  );
  // And the service worker, registered through the same policy, controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.deepEqual(env.takeCspViolations(), [], 'the app itself breaks nothing');

  const refused = await page.evaluate(() => {
    /** @param {() => void} attempt */
    const error = (attempt) => {
      try {
        attempt();
        return 'allowed';
      } catch (thrown) {
        return String(thrown);
      }
    };
    const types = /** @type {any} */ (window).trustedTypes;
    return {
      scriptSrc: error(() => {
        // eslint-disable-next-line no-restricted-syntax -- the attack this test expects Trusted Types to refuse
        document.createElement('script').src = 'x';
      }),
      worker: error(() => new Worker('/sw.js')),
      html: error(() => {
        // eslint-disable-next-line no-restricted-syntax -- the attack this test expects Trusted Types to refuse
        document.body.innerHTML = '<b>x</b>';
      }),
      // The two policies exist already and may not be created again; no other name may be created at all.
      svelte: error(() =>
        types.createPolicy('svelte-trusted-html', { createHTML: (/** @type {string} */ s) => s }),
      ),
      ours: error(() =>
        types.createPolicy('wsi-script-url', { createScriptURL: (/** @type {string} */ s) => s }),
      ),
      other: error(() => types.createPolicy('mine', { createHTML: (/** @type {string} */ s) => s })),
      appStillThere: document.querySelector('[aria-label="Connection state"]') !== null,
    };
  });
  assert.match(refused.scriptSrc, /TrustedScriptURL/);
  assert.match(refused.worker, /TrustedScriptURL/);
  assert.match(refused.html, /TrustedHTML/);
  for (const name of /** @type {const} */ (['svelte', 'ours', 'other'])) {
    assert.notEqual(refused[name], 'allowed', name);
  }
  assert.equal(refused.appStillThere, true, 'the refused innerHTML left the page as it was');
  await page.waitForFunction(() => true);
  const violations = env.takeCspViolations();
  assert.ok(
    violations.filter((v) => v.includes('require-trusted-types-for')).length >= 3,
    violations.join('\n'),
  );
  assert.ok(
    violations.some((v) => v.includes('trusted-types')),
    violations.join('\n'),
  );
});

for (const name of ['__proto__', 'valueOf', 'constructor', 'hasOwnProperty']) {
  test(`a deep link with {{${name}}} shows an unknown variable, and the app stays up`, async () => {
    const url = `ws://localhost:8787/echo/{{${name}}}`;
    const page = await env.open({ url });
    const field = page.getByLabel('URL', { exact: true });
    assert.equal(await field.inputValue(), url);
    await page
      .getByText(new RegExp(`^Unknown variable \\{\\{${name}\\}\\}`))
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Connect', exact: true }).waitFor();
    // The composer fills in names the same way, as the message is typed: the same name is refused there too.
    await page.getByLabel('Message', { exact: true }).fill(`{{${name}}}`);
    await page
      .getByText(new RegExp(`^Unknown variable \\{\\{${name}\\}\\}`))
      .nth(1)
      .waitFor();
    assert.equal(await page.getByText(/stopped working/).count(), 0, 'no region fell back to its error view');
  });
}

test('a share link carrying a HAR of 2,000 WebSockets imports nothing and plants no profile', async () => {
  const page = await env.open();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await profiles(page).first().waitFor();

  // The review's link: HAR entries without messages, which a HAR import turns into profiles.
  const entries = Array.from({ length: 2000 }, (_, n) => ({
    _resourceType: 'websocket',
    request: { method: 'GET', url: `wss://planted-${n}.example/ws` },
  }));
  const link = env.appUrl + shareFragment(JSON.stringify({ log: { version: '1.2', entries } }));
  await page.goto(link);
  const banner = page.getByRole('alert', { name: 'Shared session' });
  await banner.waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the link leaves the address bar at once');
  await banner.getByRole('button', { name: 'Import shared session' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /^This share link/ })
    .waitFor();

  await page.reload();
  await profiles(page).first().waitFor();
  assert.equal(await profiles(page).count(), 1, 'the Profiles list is as it was');
  assert.equal(await profiles(page).filter({ hasText: 'planted-' }).count(), 0);
});

test('a share link with a session is imported only when the person says so', async () => {
  const start = 1_700_000_000_000;
  const file = [
    {
      format: 'wsi-session',
      v: 1,
      app: 'WS Inspector',
      session: { url: 'ws://shared.example/feed', startedAt: start },
    },
    { seq: 0, t: start, dir: 'out', kind: 'text', data: 'shared hello' },
    { seq: 1, t: start + 5, dir: 'in', kind: 'text', data: 'shared reply' },
    { end: true, count: 2 },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n');
  const page = await env.open();
  await page.goto(env.appUrl + shareFragment(`${file}\n`));
  const banner = page.getByRole('alert', { name: 'Shared session' });
  await banner.waitFor();
  await banner.getByRole('button', { name: 'Import shared session' }).click();
  await sessions(page).filter({ hasText: 'from share link (WS Inspector)' }).waitFor();
  await waitForMessageCount(page, 2);
  await rowsOf(page, 'received').filter({ hasText: 'shared reply' }).waitFor();
  assert.equal(await sessions(page).count(), 1);
  assert.equal(await profiles(page).count(), 0, 'a share link never adds a profile');
});

test("a profile's send-on-open messages and secrets stay with its own server", async () => {
  const page = await env.open();
  const port = new URL(env.wsUrl).port;
  const profileFile = {
    format: 'wsi-profiles',
    v: 1,
    profiles: [
      {
        name: 'prod',
        url: `ws://127.0.0.1:${port}/echo`,
        variables: [{ name: 'token', value: 'S3CRET-TOKEN-123', secret: true }],
        messages: [{ name: 'login', format: 'text', body: '{"auth":"{{token}}"}', sendOnOpen: true }],
      },
    ],
  };
  await page.getByLabel('Import profiles').setInputFiles({
    name: 'prod.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(profileFile)),
  });
  await page.getByRole('status').filter({ hasText: 'Imported 1 profile from WS Inspector.' }).waitFor();
  await profiles(page).filter({ hasText: 'prod' }).getByRole('button').first().click();
  assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), `ws://127.0.0.1:${port}/echo`);
  await page.getByText('Sends 1 saved message of profile “prod” on open').waitFor();

  // Its own server gets the login, as before: the profile is set up as it should be.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await waitForMessageCount(page, 2);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();

  // The same sandbox by another name is another origin: another server, as far as the profile knows.
  await page.getByLabel('URL', { exact: true }).fill(`ws://localhost:${port}/echo`);
  await page.getByText('Profile “prod” is not used: the URL points at another server').waitFor();
  assert.equal(await page.getByText(/^Sends \d+ saved message/).count(), 0);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  // A message of our own after the open: a send-on-open message would have gone out before it.
  await page.getByLabel('Message', { exact: true }).fill('after open');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await rowsOf(page, 'received').filter({ hasText: 'after open' }).waitFor();
  await waitForMessageCount(page, 2);
  const grid = page.getByRole('grid', { name: 'Frames' });
  assert.equal(await grid.getByRole('row').filter({ hasText: 'S3CRET-TOKEN-123' }).count(), 0);
  assert.equal(await grid.getByRole('row').filter({ hasText: '"auth"' }).count(), 0);
  // And {{token}} is not known here: the composer refuses it rather than filling in the secret.
  await page.getByLabel('Message', { exact: true }).fill('{{token}}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page
    .getByText(/^Unknown variable \{\{token\}\}/)
    .first()
    .waitFor();
  await waitForMessageCount(page, 2);
});
