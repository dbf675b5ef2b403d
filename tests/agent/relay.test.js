// @ts-check
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFrames } from '../../agent/frame-header.js';
import { AppPeer, openThrough, plateau, startTestAgent, startWsServer } from './helpers.js';

const MARKS = { high: 256 * 1024, low: 64 * 1024 };

/** @type {Awaited<ReturnType<typeof startTestAgent>>} */
let agent;
before(async () => {
  agent = await startTestAgent({ marks: MARKS });
});
after(() => agent.close());

describe('the relay', () => {
  it('keeps 10,000 mixed text and binary frames in order, unchanged, both ways', async () => {
    /** @type {[boolean, string][]} */
    const atServer = [];
    const echo = await startWsServer((ws) =>
      ws.on('message', (data, isBinary) => {
        atServer.push([isBinary, String(data)]);
        ws.send(data, { binary: isBinary });
      }),
    );
    const peer = await AppPeer.connect(agent.url);
    await openThrough(peer, 1, { url: echo.url, perMessageDeflate: false });
    /** @type {[boolean, string][]} */
    const sent = [];
    for (let i = 0; i < 10_000; i++) {
      const binary = i % 3 === 0;
      const payload = `${i}:${'é'.repeat(i % 50)}`;
      sent.push([binary, payload]);
      peer.sendFrame(1, binary, Buffer.from(payload));
    }
    await peer.waitFor(() => peer.frames.length === 10_000, 30_000);
    assert.deepEqual(atServer, sent);
    assert.deepEqual(
      peer.frames.map((f) => [f.binary, f.payload.toString()]),
      sent,
    );
    assert.ok(peer.frames.every((f) => f.id === 1 && f.inbound));
    peer.socket.close();
    await echo.close();
  });

  it('pauses a flooding server while the app does not read, and loses nothing', async () => {
    const FRAME = 64 * 1024;
    const TOTAL = 2000; // 128 MB if nothing held it back
    let flushed = 0;
    const flood = await startWsServer((ws) => {
      let n = 0;
      // The server honours its own backpressure, so `flushed` counts what the agent let in.
      const pump = () => {
        while (n < TOTAL && ws.bufferedAmount < 1024 * 1024) {
          const frame = Buffer.alloc(FRAME, n % 256);
          frame.writeUInt32BE(n++);
          ws.send(frame, () => (flushed += FRAME));
        }
        if (n < TOTAL) setTimeout(pump, 5);
      };
      pump();
    });
    const peer = await AppPeer.connect(agent.url, { keepFrames: false });
    peer.socket.pause();
    peer.send({ type: 'open', id: 2, url: flood.url, perMessageDeflate: false });
    const stalledAt = await plateau(() => flushed);
    // Kernel buffers on both loopback hops plus the agent's high-water mark; far below the 128 MB on offer.
    assert.ok(stalledAt < 40 * 1024 * 1024, `the server got ${stalledAt} bytes out`);
    assert.ok(stalledAt < (TOTAL * FRAME) / 3);

    let expected = 0;
    let inOrder = true;
    peer.socket.on('message', (data, isBinary) => {
      if (!isBinary) return;
      readFrames(/** @type {Buffer} */ (data), (_id, _flags, payload) => {
        inOrder &&= payload.readUInt32BE(0) === expected++;
      });
    });
    peer.socket.resume();
    await peer.waitFor(() => peer.frameCount === TOTAL, 60_000);
    assert.ok(inOrder);
    peer.socket.close();
    await flood.close();
  });

  it('pauses the app while a server does not read', async () => {
    /** @type {import('ws').WebSocket | undefined} */
    let upstream;
    const slow = await startWsServer((ws) => {
      upstream = ws;
      ws.pause();
    });
    const peer = await AppPeer.connect(agent.url);
    await openThrough(peer, 3, { url: slow.url, perMessageDeflate: false });
    let offered = 0;
    const frame = Buffer.alloc(64 * 1024);
    let stop = false;
    const pump = () => {
      while (!stop && peer.socket.bufferedAmount < 1024 * 1024) {
        peer.sendFrame(3, true, frame);
        offered += frame.length;
      }
      if (!stop) setTimeout(pump, 5);
    };
    pump();
    const stalledAt = await plateau(() => offered - peer.socket.bufferedAmount);
    stop = true;
    assert.ok(stalledAt < 40 * 1024 * 1024, `the app got ${stalledAt} bytes out`);
    /** @type {import('ws').WebSocket} */ (upstream).resume();
    peer.socket.close();
    await slow.close();
  });

  it('tells the app when the agent stops mid-session', async () => {
    const local = await startTestAgent();
    const echo = await startWsServer(() => {});
    const peer = await AppPeer.connect(local.url);
    await openThrough(peer, 4, { url: echo.url });
    await local.close();
    const closed = await peer.control(4, 'closed');
    assert.equal(closed.code, 1001);
    assert.equal(closed.reason, 'The agent stopped.');
    await peer.waitFor(() => peer.closed);
    assert.deepEqual(peer.closed, { code: 1001, reason: 'The agent stopped' });
    await echo.close();
  });
});
