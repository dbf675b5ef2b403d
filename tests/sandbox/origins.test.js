// @ts-check
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { OriginPolicy, isLoopbackOrigin, parseOrigin } from '../../sandbox/origins.js';
import { startSandbox } from '../../sandbox/server.js';
import { closeOf, connect, inboxOf, open } from './helpers.js';

const APP = 'http://localhost:4173';
const PATHS = [
  '/echo',
  '/chat',
  '/stream?count=1',
  '/binary',
  '/close',
  '/drop',
  '/protocol-required',
  '/nowhere',
];

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
/** @type {string} */
let base;

before(async () => {
  sandbox = await startSandbox({ port: 0, allowOrigins: [APP] });
  base = `ws://127.0.0.1:${sandbox.port}`;
});
after(() => sandbox.close());

test('a page from another site is refused with 403 and a reason on every path, known or not', async () => {
  for (const origin of [
    'https://evil.example',
    'http://localhost.evil.example',
    'null',
    'http://192.168.1.5:4173',
  ]) {
    for (const path of PATHS) {
      const result = await connect(base + path, { origin, protocols: ['chat.v1'] });
      assert.ok('status' in result, `${origin} on ${path} was let in`);
      assert.equal(result.status, 403, `${origin} on ${path}`);
      assert.match(result.body, /origin/i);
    }
  }
});

test('a client with no Origin and a page from a loopback origin are both accepted', async () => {
  for (const origin of [undefined, 'http://localhost:5173', 'http://127.0.0.1:41234', 'https://[::1]:8443']) {
    const ws = await open(`${base}/echo`, origin ? { origin } : {});
    ws.send('hi');
    assert.equal((await inboxOf(ws).next()).data.toString(), 'hi');
    ws.close();
    await closeOf(ws);
  }
});

test('/chat is open to the allowed origins and non-browser clients, not to any other local page', async () => {
  const refused = await connect(`${base}/chat`, { origin: 'http://localhost:3000' });
  assert.ok('status' in refused);
  assert.equal(refused.status, 403);
  assert.match(refused.body, /--allow-origin http:\/\/localhost:3000/);

  for (const options of [{ origin: APP }, { origin: 'HTTP://LOCALHOST:4173' }, {}]) {
    const ws = await open(`${base}/chat?name=ann`, options);
    const welcome = await inboxOf(ws).next();
    assert.equal(JSON.parse(welcome.data.toString()).type, 'welcome');
    ws.close();
    await closeOf(ws);
  }
});

test('origins are compared as browsers send them', () => {
  assert.equal(parseOrigin('HTTP://LocalHost:80'), 'http://localhost');
  assert.equal(parseOrigin(' http://127.0.0.1:4173 '), 'http://127.0.0.1:4173');
  assert.equal(parseOrigin('null'), 'null');
  assert.throws(() => parseOrigin('localhost:4173'), /not an http\(s\) origin|not an origin/);
  assert.throws(() => parseOrigin('ws://localhost:4173'), /not an http\(s\) origin/);
  assert.equal(isLoopbackOrigin('http://[::1]:9'), true);
  assert.equal(isLoopbackOrigin('http://127.0.0.2'), false);
  assert.equal(isLoopbackOrigin('null'), false);
  const policy = new OriginPolicy(['http://127.0.0.1:4173/']);
  assert.equal(policy.refusal('http://127.0.0.1:4173', '/chat'), undefined);
  assert.match(policy.refusal('not a url', '/echo') ?? '', /does not accept/);
});
