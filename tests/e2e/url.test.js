// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEnvironment } from './harness.js';

const env = useEnvironment();

test('the app opens with the sandbox echo URL filled in', async () => {
  const page = await env.open();
  assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), 'ws://localhost:8787/echo');
  assert.match((await page.getByRole('status', { name: 'Connection state' }).textContent()) ?? '', /closed/);
  // Where people look for headers, they learn what a browser can do instead.
  await page.getByText('Headers or a token?').click();
  await page.getByText(/Browsers cannot send custom headers/).waitFor();
});

test('an http URL gets a one-click fix and no connection attempt', async () => {
  const page = await env.open();
  const url = page.getByLabel('URL', { exact: true });
  await url.fill(`${env.wsUrl.replace('ws:', 'http:')}/echo`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByText('WebSockets use ws://, not http://.').waitFor();
  assert.match((await page.getByRole('status', { name: 'Connection state' }).textContent()) ?? '', /closed/);
  // The grid loads just after the first paint: its header row says it is there, and no other row follows.
  const rows = page.getByRole('grid', { name: 'Frames' }).getByRole('row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1, 'only the header row');

  await page.getByRole('button', { name: `Use ${env.wsUrl}/echo` }).click();
  assert.equal(await url.inputValue(), `${env.wsUrl}/echo`);
  await url.press('Enter');
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
});

test('a mistyped ws scheme is repaired, not given a second scheme', async () => {
  const page = await env.open();
  const url = page.getByLabel('URL', { exact: true });
  const hostPath = `${env.wsUrl.slice('ws://'.length)}/echo`;
  for (const typo of ['ws//', 'ws:/', 'http//']) {
    await url.fill(typo + hostPath);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText(`“${typo}” should be “ws://”`, { exact: false }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Use ws:\/\/ws/ }).count(), 0);
  }
  await page.getByRole('button', { name: `Use ${env.wsUrl}/echo` }).click();
  assert.equal(await url.inputValue(), `${env.wsUrl}/echo`);
  await url.press('Enter');
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
});

test('malformed URLs and subprotocols are explained next to their fields', async () => {
  const page = await env.open();
  const url = page.getByLabel('URL', { exact: true });
  const connect = page.getByRole('button', { name: 'Connect', exact: true });
  /** @type {[string, string][]} */
  const cases = [
    ['', 'Enter a ws:// or wss:// URL.'],
    ['localhost:8787/echo', 'The URL needs a scheme: ws:// or wss://.'],
    ['ftp://example.com/', '“ftp://” is not a WebSocket scheme: use ws:// or wss://.'],
    ['ws://exa mple.com/', 'The URL contains white space: remove it, or write a space as %20.'],
    ['ws://[::1/', 'This is not a valid URL: check the host name and port.'],
    ['ws://example.com/#top', 'A WebSocket URL cannot have a #fragment.'],
  ];
  for (const [typed, message] of cases) {
    await url.fill(typed);
    await connect.click();
    await page.getByText(message, { exact: true }).waitFor();
  }
  await url.fill(`${env.wsUrl}/echo`);
  await page.getByLabel('Subprotocols').fill('chat.v1, bad protocol');
  await connect.click();
  await page.getByText(/“bad protocol” is not a valid subprotocol/).waitFor();
  assert.match((await page.getByRole('status', { name: 'Connection state' }).textContent()) ?? '', /closed/);
});

test('a deep link fills the bar; a bad binary type is shown next to its field, not a crash', async () => {
  const page = await env.open({ url: `${env.wsUrl}/echo`, protocols: 'json.v1,chat.v1', binaryType: 'blob' });
  assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), `${env.wsUrl}/echo`);
  assert.equal(await page.getByLabel('Subprotocols').inputValue(), 'json.v1,chat.v1');
  assert.equal(await page.getByLabel('Binary type').inputValue(), 'blob');
  assert.match((await page.getByRole('status', { name: 'Connection state' }).textContent()) ?? '', /closed/);

  const bad = await env.open({ url: `${env.wsUrl}/echo`, binaryType: 'bytes', connect: 'yes' });
  await bad.getByText('The link asked for binary type “bytes”; it must be blob or arraybuffer.').waitFor();
  await bad.getByText(/connect=yes was ignored/).waitFor();
});

test("the not-connected hint offers the sandbox's routes, each filling the URL on the bar's own server", async () => {
  const page = await env.open({ url: `${env.wsUrl}/echo` });
  const routes = page.getByRole('group', { name: 'Try the sandbox' });
  // Loaded just after the first screen.
  await routes.getByRole('button', { name: '/drop' }).waitFor();
  assert.deepEqual(
    (await routes.getByRole('button').allTextContents()).map((name) => name.trim()),
    ['/echo', '/chat', '/stream', '/binary', '/close', '/drop'],
  );
  await routes.getByRole('button', { name: '/close' }).click();
  const url = page.getByLabel('URL', { exact: true });
  assert.equal(await url.inputValue(), `${env.wsUrl}/close?code=4000&reason=bye`);
  // The newcomer presses Connect: the sandbox closes as the URL asks.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('region', { name: 'Connection details' }).getByText(/4000/).first().waitFor();
});
