// @ts-check
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { WebSocket } from 'ws';
import { APP_ORIGIN, AppPeer, openThrough, startWsServer } from './helpers.js';

const CLI = fileURLToPath(new URL('../../agent/cli.js', import.meta.url));

it('prints the token only at start, and never a header value, a URL’s path or query, or a wrong token', async () => {
  const secrets = [
    'Bearer s3cret-header-value',
    'session=c00kie-value',
    'query-secret',
    'wrong-token-guess',
    '/private-path',
  ];
  const server = await startWsServer((ws) => ws.on('message', (data) => ws.send(data)));
  const child = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  while (!/Pair the app: .*\n/.test(output)) await once(child.stdout, 'data');

  const token = /** @type {string} */ (/^Agent token: (\S+)$/m.exec(output)?.[1]);
  const url = /** @type {string} */ (/listening on (ws:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]);
  const link = new URL(/** @type {string} */ (/Pair the app: (\S+)/.exec(output)?.[1]));
  assert.equal(new URLSearchParams(link.hash.slice(1)).get('agent-token'), token);
  assert.equal(link.origin, 'http://localhost:4173');
  const startup = output;

  const wrong = new WebSocket(url, { origin: APP_ORIGIN });
  await once(wrong, 'open');
  wrong.send(JSON.stringify({ type: 'auth', token: 'wrong-token-guess' }));
  await once(wrong, 'close');

  const peer = await AppPeer.connect(url, { token });
  await openThrough(peer, 1, {
    url: `${server.url}/private-path?token=query-secret`,
    headers: [
      ['Authorization', 'Bearer s3cret-header-value'],
      ['Cookie', 'session=c00kie-value'],
    ],
  });
  peer.sendFrame(1, false, Buffer.from('hello'));
  await peer.waitFor(() => peer.frames.length === 1);
  peer.socket.close();
  await peer.waitFor(() => peer.closed);

  child.kill('SIGTERM');
  const [exitCode] = await once(child, 'exit');
  assert.equal(exitCode, 0);
  const later = output.slice(startup.length);
  assert.match(later, /wrong or missing token/);
  assert.match(later, /connection 1 to ws:\/\/127\.0\.0\.1:\d+/);
  assert.ok(!later.includes(token), 'the token is printed once, at start');
  assert.equal(startup.split(token).length - 1, 2, 'the token line and the pairing link');
  for (const secret of secrets) assert.ok(!output.includes(secret), `the log holds ${secret}`);
  await server.close();
});
