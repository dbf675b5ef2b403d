// @ts-check
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AppPeer, openThrough, startTestAgent, startWsServer } from './helpers.js';

/** @type {Awaited<ReturnType<typeof startTestAgent>>} */
let agent;
before(async () => {
  agent = await startTestAgent();
});
after(() => agent.close());

describe('handshake through the agent', () => {
  it('sends the user’s headers and reports the request and the response with its custom header', async () => {
    const server = await startWsServer((ws) => ws.send('welcome'), {
      upgrade: (request, socket) => {
        const ok = request.headers.authorization === 'Bearer x' && request.headers.cookie === 'session=abc';
        if (!ok) socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return ok;
      },
    });
    server.wss.on('headers', (headers) => headers.push('X-Server-Says: hello'));
    const peer = await AppPeer.connect(agent.url);
    const headers = [
      ['Authorization', 'Bearer x'],
      ['Cookie', 'session=abc'],
      ['Origin', 'https://app.example'],
    ];
    const opened = await openThrough(peer, 1, { url: `${server.url}/path?q=1`, headers });
    assert.equal(opened.type, 'opened');
    const handshake = await peer.control(1, 'handshake');
    assert.equal(handshake.request.line, 'GET /path?q=1 HTTP/1.1');
    for (const header of headers)
      assert.ok(
        handshake.request.headers.some(
          (/** @type {[string, string]} */ h) => h[0] === header[0] && h[1] === header[1],
        ),
        header[0],
      );
    assert.ok(
      handshake.request.headers.some(
        (/** @type {[string, string]} */ h) => h[0].toLowerCase() === 'sec-websocket-key',
      ),
    );
    assert.equal(handshake.response.status, 101);
    assert.match(handshake.response.line, /^HTTP\/1\.1 101 Switching Protocols$/);
    assert.deepEqual(
      handshake.response.headers.find((/** @type {[string, string]} */ h) => h[0] === 'X-Server-Says'),
      ['X-Server-Says', 'hello'],
    );
    const welcome = await peer.waitFor(() => peer.frames.find((f) => f.id === 1));
    assert.equal(welcome.payload.toString(), 'welcome');
    assert.equal(welcome.binary, false);
    peer.socket.close();
    await server.close();
  });

  it('reports a refused upgrade with its status, headers and the start of its body, then closes', async () => {
    const body = `{"error":"token expired"}${'x'.repeat(10_000)}`;
    const server = await startWsServer(() => {}, {
      upgrade: (_request, socket) => {
        socket.end(
          `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="api"\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
        return false;
      },
    });
    const peer = await AppPeer.connect(agent.url);
    const closed = await openThrough(peer, 2, { url: server.url });
    assert.equal(closed.type, 'closed');
    assert.equal(closed.code, 1006);
    assert.match(closed.reason, /401/);
    const error = await peer.control(2, 'error');
    assert.equal(error.code, 'handshake-refused');
    const handshake = await peer.control(2, 'handshake');
    assert.equal(handshake.response.status, 401);
    assert.deepEqual(
      handshake.response.headers.find((/** @type {[string, string]} */ h) => h[0] === 'WWW-Authenticate'),
      ['WWW-Authenticate', 'Bearer realm="api"'],
    );
    assert.ok(handshake.response.bodyStart.startsWith('{"error":"token expired"}'));
    assert.equal(handshake.response.bodyStart.length, 4096);
    assert.equal(handshake.response.bodyTruncated, true);
    const order = peer.controls.filter((c) => c.id === 2).map((c) => c.type);
    assert.deepEqual(order.slice(-1), ['closed']);
    peer.socket.close();
    await server.close();
  });

  it('sends pings, records the pongs, and records the server’s pings and the automatic pongs', async () => {
    const server = await startWsServer((ws) => {
      ws.on('message', () => ws.ping(Buffer.from('from-server')));
    });
    const peer = await AppPeer.connect(agent.url);
    await openThrough(peer, 3, { url: server.url, pingEverySeconds: 0.05 });
    peer.send({ type: 'ping', id: 3, data: 'hello' });
    const pong = await peer.waitFor(() =>
      peer.controls.find(
        (c) => c.type === 'pong' && c.dir === 'in' && Buffer.from(c.b64, 'base64').toString() === 'hello',
      ),
    );
    assert.equal(pong.id, 3);
    // The interval pings too: at least two empty pongs.
    await peer.waitFor(
      () => peer.controls.filter((c) => c.type === 'pong' && c.dir === 'in' && c.b64 === '').length >= 2,
    );
    peer.sendFrame(3, false, Buffer.from('ping me'));
    await peer.waitFor(() => peer.controls.find((c) => c.type === 'ping' && c.dir === 'in'));
    const autoPong = await peer.waitFor(() =>
      peer.controls.find((c) => c.type === 'pong' && c.dir === 'out'),
    );
    assert.equal(Buffer.from(autoPong.b64, 'base64').toString(), 'from-server');
    peer.send({ type: 'settings', id: 3, pingEverySeconds: 0 });
    peer.socket.close();
    await server.close();
  });

  it('reports each frame’s opcode and compression, and the close frame exactly as sent', async () => {
    const server = await startWsServer(
      (ws) => {
        ws.send('small', { compress: false });
        ws.send(Buffer.alloc(2000, 7), { compress: true });
        ws.close(4001, 'bye ✓');
      },
      { perMessageDeflate: { threshold: 0 } },
    );
    const peer = await AppPeer.connect(agent.url);
    const opened = await openThrough(peer, 4, { url: server.url, perMessageDeflate: true });
    assert.match(opened.extensions, /permessage-deflate/);
    assert.equal(opened.compressesOutgoing, true);
    const closed = await peer.control(4, 'closed');
    const frames = peer.frames.filter((f) => f.id === 4);
    assert.deepEqual(
      frames.map((f) => [f.binary, f.compressed, f.payload.length]),
      [
        [false, false, 5],
        [true, true, 2000],
      ],
    );
    assert.deepEqual(frames[1]?.payload, Buffer.alloc(2000, 7));
    assert.equal(closed.code, 4001);
    assert.equal(closed.reason, 'bye ✓');
    assert.equal(closed.wasClean, true);
    assert.deepEqual(closed.frame, {
      code: 4001,
      reason: 'bye ✓',
      payloadHex: Buffer.concat([Buffer.from([0x0f, 0xa1]), Buffer.from('bye ✓')]).toString('hex'),
    });
    peer.socket.close();
    await server.close();
  });

  it('turns permessage-deflate off when asked', async () => {
    const server = await startWsServer((ws) => ws.send(Buffer.alloc(2000)), {
      perMessageDeflate: { threshold: 0 },
    });
    const peer = await AppPeer.connect(agent.url);
    const opened = await openThrough(peer, 5, { url: server.url, perMessageDeflate: false });
    assert.equal(opened.extensions, '');
    const handshake = await peer.control(5, 'handshake');
    assert.ok(
      !handshake.request.headers.some((/** @type {[string, string]} */ h) => /extensions/i.test(h[0])),
    );
    const frame = await peer.waitFor(() => peer.frames.find((f) => f.id === 5));
    assert.equal(frame.compressed, false);
    peer.socket.close();
    await server.close();
  });
});

describe('limits and bad input', () => {
  it('says which header HTTP forbids, without its value', async () => {
    const peer = await AppPeer.connect(agent.url);
    peer.send({
      type: 'open',
      id: 10,
      url: 'ws://127.0.0.1:1/',
      headers: [['X-Secret', 'abc\r\nInjected: 1']],
    });
    const error = await peer.control(10, 'error');
    assert.equal(error.code, 'bad-header');
    assert.match(error.message, /X-Secret/);
    assert.doesNotMatch(error.message, /abc|Injected/);
    assert.equal((await peer.control(10, 'closed')).code, 1006);
    peer.send({ type: 'open', id: 11, url: 'ws://127.0.0.1:1/', headers: [['Sec-WebSocket-Key', 'x']] });
    assert.match((await peer.control(11, 'error')).message, /set by the WebSocket handshake/);
    peer.send({ type: 'open', id: 12, url: 'ws://127.0.0.1:1/', protocols: ['a b'] });
    assert.equal((await peer.control(12, 'error')).code, 'bad-request');
    peer.socket.close();
  });

  it('gives up on a target that never answers, and says so', async () => {
    // Reads the request and never answers; reading lets it see the agent hang up.
    const silent = createServer((socket) => socket.resume());
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', () => resolve(undefined)));
    const { port } = /** @type {import('node:net').AddressInfo} */ (silent.address());
    const peer = await AppPeer.connect(agent.url);
    const closed = await openThrough(peer, 20, { url: `ws://127.0.0.1:${port}/`, connectTimeoutMs: 300 });
    assert.equal(closed.type, 'closed');
    const error = await peer.control(20, 'error');
    assert.equal(error.code, 'connect-timeout');
    const handshake = await peer.control(20, 'handshake');
    assert.equal(handshake.response, null);
    assert.match(handshake.request.line, /^GET \/ HTTP\/1\.1$/);
    peer.socket.close();
    await new Promise((resolve) => silent.close(() => resolve(undefined)));
  });

  it('names a refused TCP connection', async () => {
    const probe = createServer();
    await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve(undefined)));
    const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
    await new Promise((resolve) => probe.close(() => resolve(undefined)));
    const peer = await AppPeer.connect(agent.url);
    await openThrough(peer, 21, { url: `ws://127.0.0.1:${port}/` });
    assert.equal((await peer.control(21, 'error')).code, 'refused');
    peer.socket.close();
  });

  it('closes with 1009 when a frame is over the user’s limit, and refuses to send one over it', async () => {
    const server = await startWsServer((ws) => {
      ws.on('message', () => ws.send(Buffer.alloc(2048)));
    });
    const peer = await AppPeer.connect(agent.url);
    await openThrough(peer, 30, { url: server.url, maxFrameBytes: 1024 });
    peer.sendFrame(30, true, Buffer.alloc(1025));
    assert.equal((await peer.control(30, 'error')).code, 'frame-not-sent');
    peer.sendFrame(30, true, Buffer.alloc(10));
    const errors = await peer.waitFor(() => {
      const found = peer.controls.filter((c) => c.id === 30 && c.type === 'error');
      return found.length >= 2 && found;
    });
    assert.match(errors[1]?.message, /larger than the frame size limit/i);
    const closed = await peer.control(30, 'closed');
    assert.equal(closed.code, 1009);
    assert.equal(peer.frames.filter((f) => f.id === 30).length, 0);
    peer.socket.close();
    await server.close();
  });
});
