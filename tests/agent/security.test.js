// @ts-check
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { FailureLimiter } from '../../agent/rate-limit.js';
import { APP_ORIGIN, AppPeer, TOKEN, startTestAgent } from './helpers.js';

/** @type {Awaited<ReturnType<typeof startTestAgent>>} */
let agent;
before(async () => {
  agent = await startTestAgent({ limiter: new FailureLimiter({ maxFailures: 1000 }) });
});
after(() => agent.close());

/**
 * Connects, sends `first` (if any) and resolves with how the agent ended the socket.
 * @param {string} url
 * @param {string | Buffer | null} first
 */
async function closeAfter(url, first) {
  const socket = new WebSocket(url, { origin: APP_ORIGIN });
  await once(socket, 'open');
  if (first !== null) socket.send(first);
  const [code, reason] = await once(socket, 'close');
  return { code, reason: reason.toString() };
}

/**
 * The HTTP status of a refused upgrade.
 * @param {string} url
 * @param {import('ws').ClientOptions} options
 */
async function refusedStatus(url, options) {
  const socket = new WebSocket(url, options);
  // Without an 'unexpected-response' listener ws fails the socket with the status in its error message.
  const [error] = await once(socket, 'error');
  return Number(/Unexpected server response: (\d+)/.exec(String(error.message))?.[1]);
}

describe('the agent’s door', () => {
  it('listens on 127.0.0.1 only', async () => {
    assert.equal(agent.host, '127.0.0.1');
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!outside) return;
    const socket = new WebSocket(`ws://${outside.address}:${agent.port}`);
    const [error] = await once(socket, 'error');
    assert.equal(/** @type {NodeJS.ErrnoException} */ (error).code, 'ECONNREFUSED');
  });

  it('refuses a wrong token, a missing one, and anything sent before the token, with 1008', async () => {
    assert.deepEqual(await closeAfter(agent.url, JSON.stringify({ type: 'auth', token: 'wrong' })), {
      code: 1008,
      reason: 'Wrong or missing agent token.',
    });
    assert.equal((await closeAfter(agent.url, JSON.stringify({ type: 'auth' }))).code, 1008);
    assert.equal(
      (await closeAfter(agent.url, JSON.stringify({ type: 'open', id: 1, url: 'ws://127.0.0.1:1/' }))).code,
      1008,
    );
    assert.equal((await closeAfter(agent.url, Buffer.from([0, 0, 0, 1, 0, 65]))).code, 1008);
    assert.equal((await closeAfter(agent.url, `${TOKEN}`)).code, 1008);
    // The right token, one character short or long, is still wrong.
    assert.equal(
      (await closeAfter(agent.url, JSON.stringify({ type: 'auth', token: TOKEN.slice(0, -1) }))).code,
      1008,
    );
    assert.equal(
      (await closeAfter(agent.url, JSON.stringify({ type: 'auth', token: `${TOKEN}x` }))).code,
      1008,
    );
  });

  it('accepts the right token', async () => {
    const peer = await AppPeer.connect(agent.url);
    assert.deepEqual(peer.controls[0], { type: 'ready', v: 1 });
    peer.socket.close();
  });

  it('refuses a page from another origin before any token is read', async () => {
    assert.equal(await refusedStatus(agent.url, { origin: 'https://evil.example' }), 403);
    assert.equal(await refusedStatus(agent.url, { origin: 'null' }), 403);
    assert.equal(await refusedStatus(agent.url, { origin: 'http://localhost:4174' }), 403);
  });

  it('refuses a Host that is not a loopback name (DNS rebinding)', async () => {
    assert.equal(
      await refusedStatus(agent.url, { origin: APP_ORIGIN, headers: { host: 'evil.example' } }),
      403,
    );
    assert.equal(
      await refusedStatus(agent.url, {
        origin: APP_ORIGIN,
        headers: { host: `localhost.evil.example:${agent.port}` },
      }),
      403,
    );
    const peer = await AppPeer.connect(agent.url, { host: `localhost:${agent.port}` });
    peer.socket.close();
  });

  it('accepts an origin added with allowedOrigins', async () => {
    const custom = await startTestAgent({ allowedOrigins: ['https://inspector.example/'] });
    const peer = await AppPeer.connect(custom.url, { origin: 'https://inspector.example' });
    peer.socket.close();
    assert.equal(await refusedStatus(custom.url, { origin: APP_ORIGIN }), 403);
    await custom.close();
  });
});

describe('rate limiting', () => {
  it('locks a source out after five failures a minute, even for the right token', async () => {
    const limited = await startTestAgent();
    const attempts = [];
    for (let i = 0; i < 5; i++)
      attempts.push(closeAfter(limited.url, JSON.stringify({ type: 'auth', token: `guess-${i}` })));
    for (const result of await Promise.all(attempts))
      assert.equal(result.reason, 'Wrong or missing agent token.');
    const locked = await closeAfter(limited.url, JSON.stringify({ type: 'auth', token: TOKEN }));
    assert.equal(locked.code, 1008);
    assert.match(locked.reason, /^Too many wrong tokens: try again in \d+ s\.$/);
    await limited.close();
  });

  it('lets a source try again once the lockout is over', () => {
    let now = 0;
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 1000, lockMs: 5000, now: () => now });
    limiter.recordFailure('a');
    assert.equal(limiter.lockedFor('a'), 0);
    now = 1500;
    // The first failure has left the window: this is one of one, not two.
    assert.equal(limiter.recordFailure('a'), 1);
    assert.equal(limiter.recordFailure('a'), 2);
    assert.equal(limiter.lockedFor('a'), 5000);
    assert.equal(limiter.lockedFor('b'), 0);
    now = 6500;
    assert.equal(limiter.lockedFor('a'), 0);
  });
});
