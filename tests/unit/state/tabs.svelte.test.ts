import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TABS_KEY } from '../../../src/lib/persist/open-tabs';
import { TabsState } from '../../../src/state/tabs.svelte';
import { workspace } from './workspace-harness';

// Each composer loads Handshake and keep-alive with import(): loaded once here, it is ready before a test ends.
beforeAll(() => import('../../../src/lib/session/protocol-keep-alive'));

function memoryStorage(kept?: object) {
  const values = new Map<string, string>();
  if (kept) values.set(OPEN_TABS_KEY, JSON.stringify(kept));
  return {
    kept: () => JSON.parse(values.get(OPEN_TABS_KEY) ?? 'null') as unknown,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

/** A workspace with its first panel, as main.ts starts it, and its tabs. */
function started(kept?: object) {
  const env = workspace();
  env.workspace.addPanel();
  const storage = memoryStorage(kept);
  const tabs = new TabsState(env.workspace, storage);
  return { ...env, storage, tabs };
}

describe('TabsState', () => {
  it('reopens the kept tabs’ bars, the same one in front, and connects none', () => {
    const env = started({
      tabs: [
        { url: 'ws://a.test/echo', protocols: 'chat.v1', binaryType: 'blob' },
        { url: 'ws://b.test/feed', protocols: '', binaryType: 'arraybuffer' },
      ],
      front: 1,
    });
    env.tabs.restore();
    const [first, second] = env.workspace.panels;
    expect(env.workspace.panels).toHaveLength(2);
    expect(first?.connection.url).toBe('ws://a.test/echo');
    expect(first?.connection.protocolsText).toBe('chat.v1');
    expect(first?.connection.binaryType).toBe('blob');
    expect(env.workspace.front).toBe(second);
    expect(env.sockets).toHaveLength(0);
  });

  it('keeps the tabs as they change: bars, the one in front, a stored session shown', () => {
    const env = started();
    env.tabs.restore();
    const stop = env.tabs.keep();
    const added = env.tabs.open({ url: 'ws://b.test/', protocols: 'x' });
    flushSync();
    expect(env.storage.kept()).toEqual({
      tabs: [
        { url: 'ws://localhost:8787/echo', protocols: '', binaryType: 'arraybuffer' },
        { url: 'ws://b.test/', protocols: 'x', binaryType: 'arraybuffer' },
      ],
      front: 1,
    });
    added.connection.url = 'ws://c.test/';
    flushSync();
    expect(env.storage.kept()).toMatchObject({ tabs: [{}, { url: 'ws://c.test/' }] });
    stop();
  });

  it('opens a stored session read-only in a new tab, and again after a reload', async () => {
    const env = started();
    env.tabs.restore();
    const front = env.workspace.front;
    front.connection.connect();
    env.socket().open();
    env.socket().closeFromServer(1000, '', true);
    const id = front.live.sessionId ?? '';
    await expect.poll(async () => (await env.sessionsDb.get(id))?.status).toBe('closed');
    await env.sessions.load();

    const meta = env.sessions.find(id);
    if (!meta) throw new Error('the session is not listed');
    await env.tabs.openSession(meta);
    const reading = env.workspace.front;
    expect(reading).not.toBe(front);
    expect(reading.session.meta?.id).toBe(id);
    expect(reading.session.isLive).toBe(false);
    expect(env.tabs.label(reading)).toBe('localhost:8787/echo');
    // The blank bar keeps no filled-in URL; the session it showed is kept with the tab.
    expect(env.tabs.snapshot().tabs[1]).toMatchObject({ sessionId: id });

    // Next visit (on the same storage): the tab shows the session again once the list is loaded.
    const kept = env.tabs.snapshot();
    reading.forget(id);
    const reloaded = new TabsState(env.workspace, memoryStorage(kept));
    reloaded.restore();
    expect(reading.session.meta).toBeNull();
    await reloaded.reopenSessions();
    expect(reading.session.meta?.id).toBe(id);
  });

  it('fills the front tab from a deep link, or a new one when the front one is connected or kept for elsewhere', () => {
    const env = started({
      tabs: [{ url: 'ws://kept.test/', protocols: '', binaryType: 'arraybuffer' }],
      front: 0,
    });
    env.tabs.restore();
    const kept = env.workspace.front;
    expect(env.tabs.forLink({ connect: false, errors: {} })).toBe(kept);
    expect(env.tabs.forLink({ url: 'ws://kept.test/', connect: true, errors: {} })).toBe(kept);
    const other = env.tabs.forLink({ url: 'ws://other.test/', connect: true, errors: {} });
    expect(other).not.toBe(kept);
    expect(env.workspace.front).toBe(other);

    other.connection.url = 'ws://other.test/';
    other.connection.connect();
    const third = env.tabs.forLink({ url: 'ws://other.test/', connect: true, errors: {} });
    expect(third).not.toBe(other);
    expect(env.workspace.panels).toHaveLength(3);
  });

  it('opens a profile in a new tab, loaded into that tab’s bar', async () => {
    const env = started();
    env.tabs.restore();
    const before = env.workspace.front;
    let loadedInto: unknown = null;
    await env.tabs.openProfile(() => {
      loadedInto = env.workspace.front;
      return Promise.resolve();
    });
    expect(env.workspace.front).not.toBe(before);
    expect(loadedInto).toBe(env.workspace.front);
  });

  it('names a tab by its bar’s URL without the scheme, or says it is new', () => {
    const env = started();
    env.tabs.restore();
    const panel = env.workspace.front;
    panel.connection.url = 'wss://chat.test/room?name=alice';
    expect(env.tabs.label(panel)).toBe('chat.test/room?name=alice');
    panel.connection.url = '  ';
    expect(env.tabs.label(panel)).toBe('New connection');
  });
});
