// `npm run scenario` end to end: the real script (a Vite build of src/cli, then a run) against a real ws server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocketServer } from 'ws';

/** @type {WebSocketServer} */
let server;
let url = '';
let dir = '';
/** What the server received, per connection, in order. */
const received = /** @type {string[][]} */ ([]);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsi-scenario-test-'));
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  url = `ws://127.0.0.1:${address.port}/`;
  server.on('connection', (socket) => {
    const log = /** @type {string[]} */ ([]);
    received.push(log);
    socket.send(JSON.stringify({ type: 'hello', room: 'lobby' }));
    socket.on('message', (data) => {
      const text = data.toString();
      log.push(text);
      socket.send(text === 'ping' ? 'pong' : `echo ${text}`);
    });
  });
});

after(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the npm script's command and collects its output.
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, out: string }>}
 */
function scenario(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/scenario.js', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** @param {string} name @param {unknown} value */
async function file(name, value) {
  const path = join(dir, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

test('a passing scenario exits 0, prints each step and writes a JUnit suite without failures', async () => {
  const path = await file('pass.json', {
    name: 'ping pong',
    url,
    steps: [
      { expect: { where: 'type = hello' }, within: 2000 },
      { send: 'ping' },
      { expect: { text: 'pong' }, within: 2000 },
      { send: { format: 'JSON', body: { user: '{{user}}' } } },
      { expect: { text: 'echo {"user":"ann"}' }, within: 2000 },
      { close: { code: 1000, reason: 'done' } },
    ],
  });
  const junit = join(dir, 'pass.xml');
  const { code, out } = await scenario([path, '--junit', junit, '--var', 'user=ann']);
  assert.equal(code, 0, out);
  assert.match(out, /ok {3}3\. expect text “pong” within 2000 ms/);
  assert.match(out, /PASSED/);
  const xml = await readFile(junit, 'utf8');
  assert.match(xml, /<testsuite name="ping pong" tests="7" failures="0" errors="0" skipped="0"/);
  assert.equal(xml.match(/<testcase /g)?.length, 7);
  assert.deepEqual(received.at(-1), ['ping', '{"user":"ann"}']);
});

test('a failing scenario exits 1 and names the step and what arrived instead, in the output and the JUnit file', async () => {
  const path = await file('fail.json', {
    name: 'wrong answer',
    url,
    steps: [{ send: 'ping' }, { expect: { text: 'PONG' }, within: 300 }, { send: 'never sent' }],
  });
  const junit = join(dir, 'fail.xml');
  const { code, out } = await scenario([path, '--junit', junit]);
  assert.equal(code, 1, out);
  assert.match(out, /FAILED at step 2/);
  const xml = await readFile(junit, 'utf8');
  assert.match(xml, /failures="1" errors="0" skipped="1"/);
  assert.match(
    xml,
    /<failure message="no match within 300 ms; arrived instead: “\{&quot;type&quot;:&quot;hello&quot;/,
  );
  assert.match(xml, /“pong”/);
  assert.deepEqual(received.at(-1), ['ping']);
});

test('an invalid scenario or an unknown --var is refused with exit 2 before anything is sent', async () => {
  const connections = received.length;
  const bad = await file('bad.json', `{"url":"${url}","steps":[\n{"send":"a"},\n{"wait":"soon"}]}`);
  const refused = await scenario([bad]);
  assert.equal(refused.code, 2);
  assert.match(refused.out, /Step 2 \(line 3\): "wait" must be milliseconds/);
  const unknown = await file('unknown.json', { url, steps: [{ send: '{{nobody}}' }] });
  const failed = await scenario([unknown, '--var', 'bad name=x']);
  assert.equal(failed.code, 2);
  assert.match(failed.out, /--var takes name=value/);
  assert.equal(received.length, connections);
});

test('a .wsi.jsonl session replays its sent messages, in order, against another URL', async () => {
  const t0 = Date.UTC(2026, 0, 1);
  const lines = [
    {
      format: 'wsi-session',
      v: 1,
      app: 'WS Inspector',
      exportedAt: new Date(t0).toISOString(),
      session: { url: 'ws://elsewhere.invalid/', protocols: [], binaryType: 'arraybuffer', startedAt: t0 },
      redactions: [],
    },
    { seq: 0, t: t0, kind: 'open', protocol: '', extensions: '' },
    { seq: 1, t: t0 + 10, kind: 'text', dir: 'out', data: 'first' },
    { seq: 2, t: t0 + 11, kind: 'text', dir: 'in', data: 'echo first' },
    { seq: 3, t: t0 + 20, kind: 'text', dir: 'out', data: 'heartbeat', auto: true },
    { seq: 4, t: t0 + 400, kind: 'text', dir: 'out', data: 'second' },
    { seq: 5, t: t0 + 500, kind: 'close', code: 1000, reason: '', wasClean: true },
    { end: true, count: 6 },
  ];
  const path = await file('replay.wsi.jsonl', lines.map((line) => JSON.stringify(line)).join('\n'));
  const { code, out } = await scenario([path, '--url', url, '--time-scale', '0.5']);
  assert.equal(code, 0, out);
  assert.match(out, /1\. wait 5 ms.*\n.*2\. send “first”.*\n.*3\. wait 195 ms/);
  assert.deepEqual(received.at(-1), ['first', 'second']);
});
