// @ts-check
/**
 * Firefox: connecting through the local agent, the way Chromium's tests/e2e/agent.test.js does, for what differs
 * between engines: the page's WebSocket to 127.0.0.1, its binary records and the pairing link's fragment.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { useFirefox, waitForMessageCount } from './harness.js';

const env = useFirefox();

/** @type {import('node:child_process').ChildProcess | undefined} */
let agentProcess;

after(async () => {
  agentProcess?.kill('SIGTERM');
  if (agentProcess && agentProcess.exitCode === null) await once(agentProcess, 'exit');
});

/** A port nothing listens on: taken, then given back. */
async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('Firefox: paired by its link, the app echoes through the agent and records the handshake', async () => {
  const port = await freePort();
  agentProcess = spawn(
    process.execPath,
    ['agent/cli.js', '--port', String(port), '--allow-origin', new URL(env.appUrl).origin],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let token = '';
  const lines = createInterface({
    input: /** @type {import('node:stream').Readable} */ (agentProcess.stdout),
  });
  for await (const line of lines) {
    token = /^Agent token: (\S+)$/.exec(line)?.[1] ?? '';
    if (token) break;
  }
  assert.ok(token, 'the agent printed its token');

  const fragment = new URLSearchParams({ 'agent-token': token, 'agent-url': `ws://127.0.0.1:${port}` });
  const page = await env.open(`?${new URLSearchParams({ url: `${env.wsUrl}/echo` })}#${fragment}`);
  await page.waitForFunction(() =>
    /connected/.test(document.querySelector('[aria-label="Agent state"]')?.textContent ?? ''),
  );
  assert.equal(await page.evaluate(() => location.hash), '', 'the pairing link left the address bar');
  await page.locator('button::-p-text(Connect)').click();
  await page.waitForFunction(() =>
    /open/.test(document.querySelector('[aria-label="Connection state"]')?.textContent ?? ''),
  );
  await page.waitForFunction(() =>
    /101 Switching Protocols/.test(document.querySelector('[aria-label="Handshake"]')?.textContent ?? ''),
  );
  await page.locator('textarea#message').fill('hello through the agent');
  await page
    .locator('button::-p-text(Send)')
    .filter((button) => button.textContent?.trim() === 'Send')
    .click();
  await waitForMessageCount(page, 2);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[role="grid"] [role="row"]')].some(
      (row) =>
        /received/.test(row.textContent ?? '') && /hello through the agent/.test(row.textContent ?? ''),
    ),
  );
});
