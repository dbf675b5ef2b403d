import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { AutoReplies } from '../../../../src/lib/automation/auto-replies';
import { parseRules } from '../../../../src/lib/automation/rules-check';
import { parseScenario } from '../../../../src/lib/automation/scenario';
import { runScenario } from '../../../../src/lib/automation/scenario-runner';
import { LiveSession } from '../../../../src/lib/session/live-session';

/**
 * A server that drops any client that does not answer its application ping within 300 ms, and says "you stayed"
 * after five answered pings: only a working auto-reply keeps the connection, on a real socket and real timers.
 */
let server: WebSocketServer;
let url = '';

beforeAll(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  server.on('connection', (socket) => {
    let id = 0;
    let answered = 0;
    const ping = () => {
      const expected = ++id;
      socket.send(JSON.stringify({ type: 'ping', id: expected }));
      const drop = setTimeout(() => socket.close(4000, 'no pong'), 300);
      const onMessage = (data: unknown) => {
        const message = JSON.parse(String(data)) as { type?: string; id?: number };
        if (message.type !== 'pong' || message.id !== expected) return;
        clearTimeout(drop);
        socket.off('message', onMessage);
        if (++answered === 5) socket.send('you stayed');
        else setTimeout(ping, 20);
      };
      socket.on('message', onMessage);
    };
    ping();
  });
});

afterAll(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

function liveOnWs(): LiveSession {
  const live = new LiveSession({
    frames: {
      write: async () => undefined,
      reopen: async () => undefined,
      head: async () => undefined,
      chunkStarts: async () => [],
      chunk: async () => undefined,
    },
    catalog: { put: async () => undefined },
    newId: () => 'real',
    createSocket: (address, protocols) =>
      new WebSocket(address, protocols) as unknown as globalThis.WebSocket,
  });
  // Attached as state attaches it: the session's reply engine.
  new AutoReplies(live);
  return live;
}

describe('automation against a real ws server', () => {
  const scenario = () => {
    const parsed = parseScenario(
      JSON.stringify({ name: 'stay', url, steps: [{ expect: { text: 'you stayed' }, within: 3000 }] }),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  };

  it('an auto-reply answering the application pings keeps the connection until the server says so', async () => {
    const rules = parseRules(
      '[{"kind":"reply","when":"type = ping","reply":{"format":"JSON","body":"{\\"type\\":\\"pong\\",\\"id\\":{{$match.id}}}"}}]',
    );
    if (!rules.ok) throw new Error(rules.error);
    const live = liveOnWs();
    const result = await runScenario(live, scenario(), { rules: rules.value });
    expect(result.failure).toBeUndefined();
    expect(result.passed).toBe(true);
    expect(live.recorder?.totals).toMatchObject({ sent: 5 });
  });

  it('without it the server drops the client, and the scenario fails naming the close', async () => {
    const result = await runScenario(liveOnWs(), scenario());
    expect(result.failure).toMatchObject({ step: 1 });
    expect(result.failure?.detail).toMatch(
      /^the connection closed \(code 4000, “no pong”\); arrived instead: “\{"type":"ping","id":1\}”/,
    );
  });
});
