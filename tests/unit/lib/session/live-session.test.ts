import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SessionMeta } from '../../../../src/lib/model/session';
import { FramesDb } from '../../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import type { ConnectRequest, Timers } from '../../../../src/lib/session/live-session';
import { LiveSession } from '../../../../src/lib/session/live-session';
import { FakeSocket } from '../../fakes/fake-socket';

let databases = 0;

/** A LiveSession on fake sockets, a real (fake-indexeddb) frames store, an in-memory catalog and manual timers. */
function harness(limits = {}) {
  const db = ++databases;
  const frames = new FramesDb(new KeyvalStore(`live-session-${db}`, 'frames'));
  const catalog = new Map<string, SessionMeta>();
  const sockets: FakeSocket[] = [];
  const pending: { callback: () => void; ms: number }[] = [];
  const timers: Timers = {
    set: (callback, ms) => pending.push({ callback, ms }),
    clear: () => undefined,
  };
  let clock = 1_000_000;
  let ids = 0;
  const live = new LiveSession({
    frames,
    catalog: { put: async (meta) => void catalog.set(meta.id, meta) },
    newId: () => `s${db}-${++ids}`,
    createSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    clock: () => clock,
    timers,
    recorder: { setTimer: () => undefined },
    limits,
  });
  const problems: string[] = [];
  live.on('problem', (message) => problems.push(message));
  return {
    live,
    frames,
    catalog,
    sockets,
    pending,
    problems,
    socket: () => sockets.at(-1) as FakeSocket,
    advance: (ms: number) => (clock += ms),
  };
}

const ECHO: ConnectRequest = { url: 'ws://test/echo', protocols: [], binaryType: 'arraybuffer' };

function texts(live: LiveSession): string[] {
  const recorder = live.recorder;
  if (!recorder) return [];
  return Array.from({ length: recorder.length }, (_, seq) => recorder.at(seq)).flatMap((record) =>
    record?.kind === 'text' ? [`${record.dir} ${record.text}`] : [],
  );
}

describe('LiveSession', () => {
  it('records a connection from the note before it to the close, and lists it as recording then closed', async () => {
    const { live, catalog, socket } = harness();
    const statuses: string[] = [];
    live.on('status', (status) => statuses.push(status));
    expect(live.connect(ECHO).ok).toBe(true);
    socket().open();
    live.sendText('hello');
    socket().receive('hello');
    socket().closeFromServer(1000, 'bye', true);
    const recorder = live.recorder;
    expect(recorder?.length).toBe(5);
    expect(recorder?.at(0)).toMatchObject({ kind: 'note' });
    expect(recorder?.at(4)).toMatchObject({ kind: 'close', code: 1000, reason: 'bye' });
    expect(statuses).toEqual(['connecting', 'open', 'closed']);
    await expect.poll(() => catalog.get(recorder?.sessionId ?? '')?.status).toBe('closed');
    expect(catalog.get(recorder?.sessionId ?? '')?.totals).toMatchObject({ sent: 1, received: 1 });
  });

  it('numbers {{$seq}} per connection: a second session keeps its own count while the first records on', () => {
    const first = harness();
    const second = harness();
    first.live.connect(ECHO);
    second.live.connect(ECHO);
    first.socket().open();
    second.socket().open();
    for (let i = 0; i < 3; i++) expect(first.live.send({ body: 'a{{$seq}}', format: 'text' }).ok).toBe(true);
    expect(second.live.send({ body: 'b{{$seq}}', format: 'text' }).ok).toBe(true);
    first.socket().receive('still recording');
    second.socket().closeFromServer(1000, '', true);
    first.socket().receive('after the other closed');
    expect(texts(first.live)).toEqual([
      'out a1',
      'out a2',
      'out a3',
      'in still recording',
      'in after the other closed',
    ]);
    expect(texts(second.live)).toEqual(['out b1']);
    expect(first.live.recorder?.sessionId).not.toBe(second.live.recorder?.sessionId);
    expect(second.live.status).toBe('closed');
    expect(first.live.status).toBe('open');
  });

  it('sends the open-time messages in order with the connection values, before anything else', () => {
    const { live, socket } = harness();
    live.connect({
      ...ECHO,
      values: { token: 't0k' },
      sendOnOpen: [
        { body: '{"auth":"{{token}}"}', format: 'json' },
        { body: 'subscribe {{$seq}}', format: 'text' },
      ],
    });
    socket().open();
    expect(socket().sent).toEqual(['{"auth":"t0k"}', 'subscribe 2']);
    expect(texts(live)).toEqual(['out {"auth":"t0k"}', 'out subscribe 2']);
  });

  it('refuses to send an unknown variable or while closed, saying why', () => {
    const { live, socket } = harness();
    expect(live.send({ body: 'x', format: 'text' })).toMatchObject({ ok: false });
    live.connect(ECHO);
    socket().open();
    const unknown = live.send({ body: '{{nope}}', format: 'text' });
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? '' : unknown.error).toMatch(/nope/);
    expect(socket().sent).toEqual([]);
  });

  it('starts a new session for every connection, and emits each to subscribers without showing anything', () => {
    const { live, socket } = harness();
    const started: string[] = [];
    live.on('recording', ({ meta }) => started.push(meta.id));
    live.connect(ECHO);
    socket().open();
    socket().closeFromServer(1000, '', true);
    live.connect(ECHO);
    expect(started).toHaveLength(2);
    expect(new Set(started).size).toBe(2);
  });

  it('reconnects after an unasked close with a growing pause, and not after a close it was asked for', () => {
    const { live, socket, pending, sockets } = harness();
    live.connect({ ...ECHO, reconnect: true });
    socket().open();
    socket().closeFromServer(1006, '', false);
    expect(pending.map((timer) => timer.ms)).toEqual([1000]);
    pending.shift()?.callback();
    expect(sockets).toHaveLength(2);
    // Opened and dropped at once: the backoff is not reset by merely opening.
    socket().open();
    socket().closeFromServer(1006, '', false);
    expect(pending.map((timer) => timer.ms)).toEqual([2000]);
    pending.shift()?.callback();
    socket().open();
    live.disconnect();
    socket().closeFromServer(1000, '', true);
    expect(pending).toEqual([]);
  });

  it('resets the backoff after a connection that lasted, and gives up after too many failures in a row', () => {
    const { live, socket, pending, advance } = harness();
    live.connect({ ...ECHO, reconnect: true });
    socket().closeFromServer(1006, '', false);
    pending.shift()?.callback();
    socket().open();
    advance(15_000);
    socket().closeFromServer(1006, '', false);
    expect(pending.map((timer) => timer.ms)).toEqual([1000]);
    for (let attempt = 0; attempt < 11; attempt++) {
      pending.shift()?.callback();
      socket().closeFromServer(1006, '', false);
    }
    expect(pending.at(-1)?.ms).toBe(30_000);
    pending.shift()?.callback();
    socket().closeFromServer(1006, '', false);
    expect(pending).toEqual([]);
    const last = live.recorder;
    expect(last?.at((last?.length ?? 1) - 1)).toMatchObject({
      kind: 'note',
      text: expect.stringMatching(/Stopped reconnecting/),
    });
  });

  it('stops recording, with a note, when a session passes its byte budget', () => {
    const { live, socket } = harness({ sessionBytes: 100 });
    live.connect(ECHO);
    socket().open();
    for (let i = 0; i < 20; i++) socket().receive('0123456789');
    expect(socket().closedWith).toEqual([1000, '']);
    const notes = Array.from({ length: live.recorder?.length ?? 0 }, (_, seq) =>
      live.recorder?.at(seq),
    ).filter((record) => record?.kind === 'note' && /budget/.test(record.text));
    expect(notes).toHaveLength(1);
  });

  it('explains a URL the socket constructor refuses, as an error row and a problem', () => {
    const { live, problems } = harness();
    const broken = new LiveSession({
      frames: new FramesDb(new KeyvalStore('live-session-broken', 'frames')),
      catalog: { put: async () => undefined },
      newId: () => 'broken',
      createSocket: () => {
        throw new DOMException('bad url', 'SyntaxError');
      },
      recorder: { setTimer: () => undefined },
    });
    const result = broken.connect(ECHO);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/SyntaxError/);
    expect(broken.recorder?.at(1)).toMatchObject({ kind: 'error' });
    expect(live.status).toBe('closed');
    expect(problems).toEqual([]);
  });

  it('keeps the secret values it was given in the session meta, so exports can redact them later', () => {
    const { live } = harness();
    live.connect({ ...ECHO, secrets: [{ name: 'token', value: 's3cret-value' }] });
    expect(live.meta?.secrets).toEqual([{ name: 'token', value: 's3cret-value' }]);
  });
});
