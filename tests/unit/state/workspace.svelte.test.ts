import { beforeAll, describe, expect, it } from 'vitest';
import { workspace } from './workspace-harness';

// Each composer loads Handshake and keep-alive with import(): loaded once here, it is ready before a test ends.
beforeAll(() => import('../../../src/lib/session/protocol-keep-alive'));

/** Records a short session on the panel's connection and waits until storage lists it closed; returns its id. */
async function recordClosed(env: ReturnType<typeof workspace>, panel = env.workspace.front) {
  panel.connection.connect();
  env.socket().open();
  env.socket().receive('hello');
  env.socket().closeFromServer(1000, '', true);
  const id = panel.live.sessionId ?? '';
  await expect.poll(async () => (await env.sessionsDb.get(id))?.status).toBe('closed');
  return id;
}

describe('Workspace and Panel', () => {
  it('builds a live session and a panel for each, the first panel in front', () => {
    const env = workspace();
    expect(() => env.workspace.front).toThrow(/addPanel/);
    const panel = env.workspace.addPanel();
    const second = env.workspace.addPanel();
    expect(env.workspace.panels).toEqual([panel, second]);
    expect(env.workspace.front).toBe(panel);
    expect(panel.live.session).not.toBe(second.live.session);
  });

  it('shows each new recording of the panel’s connection live, and lists it as recording here', () => {
    const env = workspace();
    const panel = env.workspace.addPanel();
    const other = env.workspace.addPanel();
    panel.connection.connect();
    const id = panel.live.sessionId;
    expect(panel.session.meta?.id).toBe(id);
    expect(panel.session.isLive).toBe(true);
    // Another panel's recording is not shown here.
    expect(other.session.meta).toBeNull();
    expect(env.workspace.recordingHere()).toEqual(new Set([id]));
    expect(env.sessions.find(id ?? '')?.status).toBe('recording');
  });

  it('opens a stored session read-only, and its own recording live again', async () => {
    const env = workspace();
    const panel = env.workspace.addPanel();
    const stored = await recordClosed(env);
    panel.connection.connect();
    const recording = panel.live.sessionId ?? '';
    expect(panel.session.meta?.id).toBe(recording);

    await panel.open(stored);
    expect(panel.session.meta?.id).toBe(stored);
    expect(panel.session.isLive).toBe(false);
    // The note, open, the message and the close.
    expect(panel.session.recordCount).toBe(4);
    expect(panel.session.totals).toMatchObject({ received: 1 });

    await panel.open(recording);
    expect(panel.session.meta?.id).toBe(recording);
    expect(panel.session.isLive).toBe(true);
  });

  it('clears a panel whose shown session is deleted, and never deletes one still recording', async () => {
    const env = workspace();
    const panel = env.workspace.addPanel();
    const watcher = env.workspace.addPanel();
    const stored = await recordClosed(env);
    watcher.connection.connect();
    const recording = watcher.live.sessionId ?? '';
    await expect.poll(async () => (await env.sessionsDb.get(recording))?.status).toBe('recording');
    await panel.open(stored);
    expect(panel.session.meta?.id).toBe(stored);

    await env.workspace.deleteSessions([stored, recording]);
    expect(panel.session.meta).toBeNull();
    expect(panel.session.recordCount).toBe(0);
    expect(watcher.session.meta?.id).toBe(recording);
    expect((await env.sessionsDb.list()).map((meta) => meta.id)).toEqual([recording]);
  });
});

describe('Workspace tabs', () => {
  it('brings a panel of its own to the front, and no other', () => {
    const env = workspace();
    const first = env.workspace.addPanel();
    const second = env.workspace.addPanel();
    env.workspace.front = second;
    expect(env.workspace.front).toBe(second);
    const stranger = workspace().workspace.addPanel();
    env.workspace.front = stranger;
    expect(env.workspace.front).toBe(second);
    env.workspace.front = first;
    expect(env.workspace.front).toBe(first);
  });

  it('drops the focus request of a tab sent to the back before its composer took it', () => {
    const env = workspace();
    const first = env.workspace.addPanel();
    const second = env.workspace.addPanel();
    // Opened in front, but sent to the back before its composer was drawn (a slow page).
    first.connection.connect();
    env.socket().open();
    env.workspace.front = second;
    env.workspace.front = first;
    expect(first.live.takeFocusOnOpen()).toBe(false);
    // Sent to the back while connecting, opened there.
    env.workspace.front = second;
    second.connection.connect();
    env.workspace.front = first;
    env.socket().open();
    env.workspace.front = second;
    expect(second.live.takeFocusOnOpen()).toBe(false);
    // A tab that stays in front keeps its request until its composer asks.
    const third = env.workspace.addPanel();
    env.workspace.front = third;
    third.connection.connect();
    env.socket().open();
    env.workspace.front = third;
    expect(third.live.takeFocusOnOpen()).toBe(true);
  });

  it('closes a tab’s connection with it, keeps its recording, and never closes the last tab', async () => {
    const env = workspace();
    const first = env.workspace.addPanel();
    const second = env.workspace.addPanel();
    env.workspace.front = second;
    second.connection.connect();
    env.socket().open();
    env.socket().receive('kept');
    const id = second.live.sessionId ?? '';

    env.workspace.close(second);
    expect(env.socket().closedWith).toEqual([1000, '']);
    expect(env.workspace.panels).toEqual([first]);
    expect(env.workspace.front).toBe(first);
    // The browser finishes the closing handshake; the recording is then stored, closed, with what it got.
    env.socket().closeFromServer(1000, '', true);
    await expect.poll(async () => (await env.sessionsDb.get(id))?.status).toBe('closed');
    expect((await env.sessionsDb.get(id))?.totals.received).toBe(1);

    env.workspace.close(first);
    expect(env.workspace.panels).toEqual([first]);
  });
});
