import { beforeAll, describe, expect, it } from 'vitest';
import { SearchClient } from '../../../src/lib/search/search-client';
import { ComposerState } from '../../../src/state/composer.svelte';
import { ConnectionBarState } from '../../../src/state/connection-bar.svelte';
import { DecodingState } from '../../../src/state/decoding.svelte';
import { FilterState } from '../../../src/state/filter.svelte';
import { FrameViewState } from '../../../src/state/frame-view.svelte';
import { SessionListState } from '../../../src/state/session-list.svelte';
import { ShownSessionState } from '../../../src/state/shown-session.svelte';
import { Workspace } from '../../../src/state/workspace.svelte';
import { liveSessions } from './live-harness';

// Each composer loads Handshake and keep-alive with import(): loaded once here, it is ready before a test ends.
beforeAll(() => import('../../../src/lib/session/protocol-keep-alive'));

/** A workspace built as main.ts builds it, on fake sockets and fresh fake-indexeddb databases. */
function workspace() {
  const live = liveSessions();
  const scheduled: (() => void)[] = [];
  const search = new SearchClient(() => {
    throw new Error('No filter runs in these tests.');
  });
  const sessions: SessionListState = new SessionListState(
    { sessionsDb: live.sessionsDb, frames: live.frames, recordingNow: () => Promise.resolve(new Set()) },
    () => built.recordingHere(),
  );
  const built: Workspace = new Workspace(
    sessions,
    {
      liveSession: live.create,
      panelParts: (connection) => {
        const session = new ShownSessionState((callback) => scheduled.push(callback));
        const view = new FrameViewState();
        const bar = new ConnectionBarState(connection, 'http:');
        const decoding = new DecodingState(session);
        return {
          session,
          view,
          connection: bar,
          decoding,
          filter: new FilterState(session, view, search, decoding),
          composer: new ComposerState(bar),
        };
      },
    },
    live.frames,
  );
  return { ...live, workspace: built, sessions };
}

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
