// @ts-check
/**
 * Connecting through the local agent (docs/agent.md): the real agent CLI on a free port, real `ws` servers that
 * need what a browser cannot send, and the app paired with the agent the way a person pairs it (the link).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { WebSocketServer } from 'ws';
import { rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

/** @type {import('node:child_process').ChildProcess | undefined} */
let agentProcess;
let agentUrl = '';
let token = '';
/** @type {import('node:http').Server[]} */
const servers = [];

/**
 * An HTTP server on a free loopback port with `ws` upgrades handled by `onUpgrade`.
 * @param {(request: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void} onUpgrade
 */
async function listen(onUpgrade) {
  const server = createServer();
  server.on('upgrade', onUpgrade);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `ws://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
}

/** A port nothing listens on: taken, then given back. */
async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let authUrl = '';
let refusingUrl = '';
let deflateUrl = '';

before(async () => {
  const wss = new WebSocketServer({ noServer: true });
  wss.on('headers', (headers) => headers.push('X-Custom-Reply: granted'));
  wss.on('connection', (socket) => socket.on('message', (data, binary) => socket.send(data, { binary })));
  authUrl = await listen((request, socket, head) => {
    const authorized =
      request.headers.authorization === 'Bearer x' &&
      /(^|; )session=abc(;|$)/.test(request.headers.cookie ?? '');
    if (!authorized) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  // permessage-deflate on, every message compressed (threshold 0) except the "plain" one the server also sends.
  const deflating = new WebSocketServer({ noServer: true, perMessageDeflate: { threshold: 0 } });
  deflating.on('connection', (socket) =>
    socket.on('message', (data) => {
      if (String(data) === 'bye') return socket.close(4000, 'bye');
      socket.send(String(data));
      socket.send('plain', { compress: false });
    }),
  );
  deflateUrl = await listen((request, socket, head) =>
    deflating.handleUpgrade(request, socket, head, (ws) => deflating.emit('connection', ws, request)),
  );
  refusingUrl = await listen((_request, socket) => {
    const body = 'Token expired: sign in again.';
    socket.end(
      `HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
  });
});

/** Starts the agent the first time: in a test, where the app's origin (which it must allow) is known. */
async function startAgent() {
  if (agentProcess) return;
  const port = await freePort();
  const appOrigin = new URL(env.appUrl).origin;
  agentProcess = spawn(
    process.execPath,
    ['agent/cli.js', '--port', String(port), '--allow-origin', appOrigin, '--app-url', env.appUrl],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({
    input: /** @type {import('node:stream').Readable} */ (agentProcess.stdout),
  });
  for await (const line of lines) {
    const found = /^Agent token: (\S+)$/.exec(line);
    if (found) {
      token = found[1] ?? '';
      break;
    }
  }
  agentUrl = `ws://127.0.0.1:${port}`;
  assert.ok(token, 'the agent printed its token');
}

after(async () => {
  agentProcess?.kill('SIGTERM');
  if (agentProcess && agentProcess.exitCode === null) await once(agentProcess, 'exit');
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/**
 * The app opened through the agent's pairing link, the bar pointed at `url`.
 * @param {string} url
 */
async function openPaired(url) {
  await startAgent();
  const page = await env.open();
  const fragment = new URLSearchParams({ 'agent-token': token, 'agent-url': agentUrl });
  // Another path than the page's (a query-less one), so this is a new document rather than a fragment change.
  await page.goto(`${env.appUrl}index.html#${fragment}`);
  await page.getByLabel('URL', { exact: true }).fill(url);
  await page.getByRole('status', { name: 'Agent state' }).filter({ hasText: 'connected' }).waitFor();
  return page;
}

test('through the agent, headers a browser cannot send reach the server; the handshake and the echo are shown and recorded', async () => {
  const page = await openPaired(`${authUrl}/private`);
  assert.equal(new URL(page.url()).hash, '', 'the pairing link left the address bar');
  assert.equal(await page.getByRole('checkbox', { name: 'Connect through agent' }).isChecked(), true);
  assert.equal(await page.getByLabel('Agent token').getAttribute('type'), 'password');
  await page.getByLabel('Headers').fill('Authorization: Bearer x\nCookie: session=abc');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();

  const handshake = page.getByRole('region', { name: 'Handshake' });
  await handshake.getByText('X-Custom-Reply: granted').waitFor();
  assert.match(
    (await handshake.textContent()) ?? '',
    /GET \/private HTTP\/1\.1[\s\S]*Authorization: Bearer x/,
  );
  assert.match((await handshake.textContent()) ?? '', /101 Switching Protocols/);

  await page.getByLabel('Message', { exact: true }).fill('through the agent');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);
  await rowsOf(page, 'received').filter({ hasText: 'through the agent' }).waitFor();
  await rowsOf(page, 'note').filter({ hasText: 'Handshake through the agent' }).waitFor();

  // Ping: a protocol ping, whose pong becomes a note row of the same session.
  await page.getByRole('button', { name: 'Ping', exact: true }).click();
  await rowsOf(page, 'note')
    .filter({ hasText: /pong received/ })
    .waitFor();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();
});

test('a refused upgrade shows its status, headers and the start of its body', async () => {
  const page = await openPaired(`${refusingUrl}/`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const handshake = page.getByRole('region', { name: 'Handshake' });
  await handshake.getByText('Token expired: sign in again.').waitFor();
  const text = (await handshake.textContent()) ?? '';
  assert.match(text, /401 Unauthorized/);
  assert.match(text, /Content-Type: text\/plain/i);
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'failed' }).waitFor();
  await rowsOf(page, 'note').filter({ hasText: 'handshake-refused' }).waitFor();
});

test('a wrong token says refused; no agent says not running and how to start it', async () => {
  const page = await openPaired(`${authUrl}/`);
  const state = page.getByRole('status', { name: 'Agent state' });
  await page.getByLabel('Agent token').fill('not-the-token');
  await page.getByLabel('Agent token').press('Enter');
  await state.filter({ hasText: 'refused' }).waitFor();

  await page.getByLabel('Agent URL').fill(`ws://127.0.0.1:${await freePort()}`);
  await page.getByLabel('Agent URL').press('Enter');
  await state.filter({ hasText: 'not running' }).waitFor();
  assert.match((await state.textContent()) ?? '', /npm run agent/);
});

test('each frame shows its opcode and whether permessage-deflate compressed it, the close frame its bytes: after a reload too', async () => {
  const page = await openPaired(`${deflateUrl}/deflate`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  const handshake = page.getByRole('region', { name: 'Handshake' });
  await handshake.getByText('Compression (permessage-deflate): negotiated').waitFor();

  await page.getByLabel('Message', { exact: true }).fill('squeeze me');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 3);
  await page.getByLabel('Message', { exact: true }).fill('bye');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();

  /** @param {import('playwright-core').Page} shown */
  async function checkDetails(shown) {
    const details = shown.getByRole('region', { name: 'Frame details' });
    const expectations = [
      [
        rowsOf(shown, 'sent').filter({ hasText: 'squeeze me' }),
        'opcode 0x1 (text), compressed (permessage-deflate)',
      ],
      [
        rowsOf(shown, 'received').filter({ hasText: 'squeeze me' }),
        'opcode 0x1 (text), compressed (permessage-deflate)',
      ],
      [rowsOf(shown, 'received').filter({ hasText: 'plain' }), 'opcode 0x1 (text), not compressed'],
    ];
    for (const [frameRow, words] of expectations) {
      await /** @type {import('playwright-core').Locator} */ (frameRow).click();
      await details.getByText(/** @type {string} */ (words), { exact: true }).waitFor();
    }
    await rowsOf(shown, 'close').click();
    // 4000 is 0f a0; "bye" is 62 79 65.
    await details.getByText('0f a0 62 79 65 (code 4000, 3 reason bytes “bye”)').waitFor();
  }
  await checkDetails(page);

  await page.goto(env.appUrl);
  await page
    .getByRole('list', { name: 'Sessions' })
    .getByRole('listitem')
    .filter({ hasText: '/deflate' })
    .getByRole('button')
    .first()
    .click();
  await waitForMessageCount(page, 4);
  await checkDetails(page);
});

/**
 * A self-signed certificate and key made with openssl for this run only.
 * @param {string} name the CN and the DNS name it is valid for
 */
function selfSigned(name) {
  const dir = mkdtempSync(join(tmpdir(), 'wsi-e2e-tls-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-keyout', key, '-out', cert].concat([
        '-subj',
        `/CN=${name}`,
        '-addext',
        `subjectAltName=DNS:${name}`,
      ]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true });
  }
}

test('a wss:// server that requires a client certificate: with the certificate and key filled in it connects, without them the TLS error says so', async () => {
  const serverCert = selfSigned('localhost');
  const clientCert = selfSigned('client');
  const https = createHttpsServer({
    ...serverCert,
    requestCert: true,
    rejectUnauthorized: true,
    ca: [clientCert.cert],
  });
  servers.push(https);
  const wss = new WebSocketServer({ server: https });
  wss.on('connection', (socket, request) =>
    socket.send(
      `hello ${/** @type {import('node:tls').TLSSocket} */ (request.socket).getPeerCertificate().subject.CN}`,
    ),
  );
  https.listen(0, '127.0.0.1');
  await once(https, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (https.address());

  const page = await openPaired(`wss://localhost:${port}/mtls`);
  await page.getByText('TLS', { exact: true }).click();
  await page.getByLabel('Trust this CA (PEM)').fill(serverCert.cert);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'failed' }).waitFor();
  await rowsOf(page, 'note').filter({ hasText: 'the server requires a client certificate' }).waitFor();

  await page.getByLabel('Client certificate (PEM)').fill(clientCert.cert);
  // A password field strips the key's line breaks: the app puts them back before the agent reads it.
  const key = page.getByLabel('Client key (PEM)');
  assert.equal(await key.getAttribute('type'), 'password');
  await key.fill(clientCert.key);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await rowsOf(page, 'received').filter({ hasText: 'hello client' }).waitFor();
});
