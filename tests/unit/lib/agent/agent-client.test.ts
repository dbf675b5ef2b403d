import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { startAgent } from '../../../../agent/server.js';
import * as agentFrames from '../../../../agent/frame-header.js';
import { AgentClient, type AgentState, type WebSocketConstructor } from '../../../../src/lib/agent/client';
import { FLAG_BINARY, FLAG_INBOUND, encodeFrame, readFrames } from '../../../../src/lib/agent/frame-header';
import { readPairing } from '../../../../src/lib/agent/pairing';
import { type AgentReport, type AgentSocket, agentSocketFactory } from '../../../../src/lib/agent/socket';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import { Connection, type ConnectionStatus } from '../../../../src/lib/ws/connection';

const TOKEN = 'client-test-token';
// Node 20 has no global WebSocket: the client takes ws's, which speaks the same event API.
const NodeSocket = NodeWebSocket as unknown as WebSocketConstructor;

let agent: Awaited<ReturnType<typeof startAgent>>;
let echo: WebSocketServer;
let echoUrl: string;

beforeAll(async () => {
  agent = await startAgent({ token: TOKEN, port: 0, log: () => undefined });
  echo = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (offered) => [...offered][0] ?? false,
  });
  await once(echo, 'listening');
  echoUrl = `ws://127.0.0.1:${(echo.address() as { port: number }).port}`;
  echo.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      if (String(data) === 'close me') ws.close(4000, 'as asked');
      else ws.send(data, { binary: isBinary });
    });
  });
});
afterAll(async () => {
  for (const client of echo.clients) client.terminate();
  echo.close();
  await agent.close();
});

function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('Timed out'));
      else setTimeout(check, 5);
    };
    check();
  });
}

/** A Connection that goes through the agent, with everything it records and reports. */
function connectThrough(client: AgentClient, url: string, protocols: string[] = []) {
  const records: UnnumberedRecord[] = [];
  const statuses: ConnectionStatus[] = [];
  const reports: AgentReport[] = [];
  let socket: AgentSocket | undefined;
  const connection = new Connection(
    { url, protocols, binaryType: 'arraybuffer' },
    agentSocketFactory(client, {
      headers: [['X-Test', 'yes']],
      onReport: (report) => reports.push(report),
      onCreated: (created) => (socket = created),
    }),
  );
  connection.on('record', (r) => records.push(r));
  connection.on('status', (s) => statuses.push(s));
  return { connection, records, statuses, reports, socket: () => socket as AgentSocket };
}

describe('AgentClient', () => {
  it('connects with the token and reports its state', async () => {
    const client = new AgentClient({ url: agent.url, token: TOKEN, WebSocket: NodeSocket });
    const states: AgentState[] = [];
    client.subscribe((state) => states.push(state));
    await client.connect();
    expect(states).toEqual(['connecting', 'connected']);
    client.disconnect();
    await until(() => client.state === 'not running');
  });

  it('is refused with a wrong token', async () => {
    const client = new AgentClient({ url: agent.url, token: 'wrong', WebSocket: NodeSocket });
    await expect(client.connect()).rejects.toThrow(/refused/);
    expect(client.state).toBe('refused');
    expect(client.detail).toMatch(/Wrong or missing agent token/);
  });

  it('says the agent is not running when nothing answers', async () => {
    const client = new AgentClient({ url: 'ws://127.0.0.1:9', token: TOKEN, WebSocket: NodeSocket });
    await expect(client.connect()).rejects.toThrow(/is the agent running/);
    expect(client.state).toBe('not running');
  });
});

describe('agentSocketFactory with Connection', () => {
  it('records a session through the agent exactly as a direct one, with the extras reported', async () => {
    const client = new AgentClient({ url: agent.url, token: TOKEN, WebSocket: NodeSocket });
    const { connection, records, statuses, reports } = connectThrough(client, `${echoUrl}/x`, ['chat.v1']);
    await until(() => connection.status === 'open');
    connection.sendText('héllo');
    connection.sendBinary(new Uint8Array([0, 1, 2, 255]));
    connection.sendText('close me');
    await until(() => connection.status === 'closed');

    expect(records.map((r) => r.kind)).toEqual(['open', 'text', 'binary', 'text', 'text', 'binary', 'close']);
    expect(records[0]).toMatchObject({ kind: 'open', protocol: 'chat.v1' });
    expect(records[4]).toMatchObject({ kind: 'text', dir: 'in', text: 'héllo', size: 6 });
    expect(records[5]).toMatchObject({ kind: 'binary', dir: 'in', size: 4, binaryType: 'arraybuffer' });
    expect(Array.from((records[5] as { bytes: Uint8Array }).bytes)).toEqual([0, 1, 2, 255]);
    expect(records[6]).toMatchObject({ kind: 'close', code: 4000, reason: 'as asked', wasClean: true });
    // What the browser hides rides on the records: this server does not deflate; its close frame as sent.
    expect(records.slice(1, 6).map((r) => 'compressed' in r && r.compressed)).toEqual(Array(5).fill(false));
    expect(records[6]).toMatchObject({ frameHex: `0fa0${Buffer.from('as asked').toString('hex')}` });
    expect(statuses).toEqual(['open', 'closed']);

    const handshake = reports.find((r) => r.kind === 'handshake');
    expect(handshake).toMatchObject({ request: { line: 'GET /x HTTP/1.1' }, response: { status: 101 } });
    expect(handshake?.kind === 'handshake' && handshake.request.headers).toContainEqual(['X-Test', 'yes']);
    const frames = reports.filter((r) => r.kind === 'frame');
    expect(frames.map((f) => f.kind === 'frame' && `${f.dir} ${f.opcode} ${f.size}`)).toEqual([
      'out text 6',
      'out binary 4',
      'out text 8',
      'in text 6',
      'in binary 4',
    ]);
    expect(reports.at(-1)).toMatchObject({ kind: 'close-frame', frame: { code: 4000, reason: 'as asked' } });
    client.disconnect();
  });

  it('sends a ping and reports the pong', async () => {
    const client = new AgentClient({ url: agent.url, token: TOKEN, WebSocket: NodeSocket });
    const { connection, reports, socket } = connectThrough(client, echoUrl);
    await until(() => connection.status === 'open');
    socket().ping('are you there');
    await until(() => reports.some((r) => r.kind === 'pong'));
    const pong = reports.find((r) => r.kind === 'pong');
    expect(pong?.kind === 'pong' && new TextDecoder().decode(pong.data)).toBe('are you there');
    connection.close();
    await until(() => connection.status === 'closed');
    client.disconnect();
  });

  it('fails a connection like a browser when the target refuses, with the reason the browser hides', async () => {
    const client = new AgentClient({ url: agent.url, token: TOKEN, WebSocket: NodeSocket });
    const { connection, records, reports } = connectThrough(client, 'ws://127.0.0.1:9/');
    await until(() => connection.status === 'closed');
    expect(records.map((r) => r.kind)).toEqual(['error', 'close']);
    expect(records[1]).toMatchObject({ code: 1006, wasClean: false });
    expect(reports).toContainEqual(expect.objectContaining({ kind: 'failure', code: 'refused' }));
    client.disconnect();
  });
});

describe('the agent stopping mid-session', () => {
  it('ends the session with a close that says why, after every frame already received', async () => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('../../../../agent/cli.js', import.meta.url)), '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let banner = '';
    while (!banner.includes('Pair the app')) banner += String((await once(child.stdout, 'data'))[0]);
    const token = /Agent token: (\S+)/.exec(banner)?.[1] ?? '';
    const url = /listening on (\S+)/.exec(banner)?.[1] ?? '';
    const client = new AgentClient({ url, token, WebSocket: NodeSocket });
    const { connection, records } = connectThrough(client, echoUrl);
    await until(() => connection.status === 'open');
    for (let i = 0; i < 100; i++) connection.sendText(`message ${i}`);
    await until(() => records.filter((r) => r.kind === 'text' && r.dir === 'in').length === 100);
    child.kill('SIGKILL');
    await until(() => connection.status === 'closed');
    const close = records.at(-1);
    expect(close).toMatchObject({
      kind: 'close',
      code: 1006,
      wasClean: false,
      reason: 'Lost the connection to the agent.',
    });
    expect(records.filter((r) => r.kind === 'text').length).toBe(200);
    expect(client.state).toBe('not running');
  });
});

describe('frame records', () => {
  it('are read and written the same way by the app and the agent', () => {
    const fromApp = encodeFrame(7, FLAG_BINARY, new Uint8Array([1, 2, 3]));
    const seen: [number, number, number[]][] = [];
    agentFrames.readFrames(Buffer.from(fromApp), (id, flags, payload) =>
      seen.push([id, flags, [...payload]]),
    );
    expect(seen).toEqual([[7, FLAG_BINARY, [1, 2, 3]]]);

    const fromAgent = Buffer.concat([
      agentFrames.encodeFrame(1, FLAG_INBOUND, Buffer.from('a')),
      agentFrames.encodeFrame(0xffffffff, FLAG_INBOUND | FLAG_BINARY, Buffer.alloc(0)),
    ]);
    const read: [number, number, string][] = [];
    const buffer = fromAgent.buffer.slice(
      fromAgent.byteOffset,
      fromAgent.byteOffset + fromAgent.byteLength,
    ) as ArrayBuffer;
    expect(
      readFrames(buffer, (id, flags, payload) => read.push([id, flags, new TextDecoder().decode(payload)])),
    ).toBe(true);
    expect(read).toEqual([
      [1, FLAG_INBOUND, 'a'],
      [0xffffffff, FLAG_INBOUND | FLAG_BINARY, ''],
    ]);
    expect(readFrames(buffer.slice(0, 12), () => undefined)).toBe(false);
  });
});

describe('readPairing', () => {
  it('reads the token, and an agent URL only when it is a loopback one', () => {
    expect(readPairing('#agent-token=abc')).toEqual({ token: 'abc', url: 'ws://127.0.0.1:8790' });
    expect(readPairing('#agent-token=abc&agent-url=ws%3A%2F%2F127.0.0.1%3A9000')).toEqual({
      token: 'abc',
      url: 'ws://127.0.0.1:9000',
    });
    expect(readPairing('#agent-token=abc&agent-url=ws%3A%2F%2Fevil.example%3A9000')?.url).toBe(
      'ws://127.0.0.1:8790',
    );
    expect(readPairing('#share=xyz')).toBeNull();
  });
});
