import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { LiveConnectionState } from '../../../src/state/live-connection.svelte';
import { ECHO, liveSessions } from './live-harness';

function connection() {
  const sessions = liveSessions();
  const live = new LiveConnectionState(sessions.create());
  return { ...sessions, live };
}

describe('LiveConnectionState', () => {
  it('shows the status as the session reports it, to whoever reads it', () => {
    const { live, socket } = connection();
    const seen: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(live.status);
      });
    });
    flushSync();
    live.connect(ECHO);
    flushSync();
    socket().open();
    flushSync();
    expect(live.isActive).toBe(true);
    socket().closeFromServer(1000, '', true);
    flushSync();
    stop();
    expect(seen).toEqual(['closed', 'connecting', 'open', 'closed']);
    expect(live.isActive).toBe(false);
  });

  it('keeps how the connection opened and closed, and forgets both when the next recording starts', () => {
    const { live, socket } = connection();
    live.connect({ ...ECHO, protocols: ['v2.chat'] });
    expect(live.connectedUrl).toBe(ECHO.url);
    expect(live.sessionId).toBe(live.session.meta?.id);
    socket().open('v2.chat');
    expect(live.openInfo).toMatchObject({ url: ECHO.url, protocol: 'v2.chat', extensions: '' });
    expect(live.openInfo?.at).toEqual(expect.any(Number));
    socket().closeFromServer(4001, 'kicked', false);
    expect(live.closeInfo).toEqual({ code: 4001, reason: 'kicked', wasClean: false });
    const first = live.sessionId;

    live.connect(ECHO);
    expect(live.openInfo).toBeNull();
    expect(live.closeInfo).toBeNull();
    expect(live.sessionId).not.toBe(first);
  });

  it('forgets the URL and the close of its recording once that recording is deleted, never while connected', () => {
    const { live, socket } = connection();
    live.connect(ECHO);
    const id = live.sessionId ?? '';
    socket().open();
    live.forget(id);
    expect(live.connectedUrl).toBe(ECHO.url);
    socket().closeFromServer(4001, 'kicked', false);
    live.forget('another session');
    expect(live.closeInfo).not.toBeNull();

    live.forget(id);
    expect(live.connectedUrl).toBe('');
    expect(live.openInfo).toBeNull();
    expect(live.closeInfo).toBeNull();
  });

  it('follows saving: saving while recording, finished once the closed recording is written', async () => {
    const { live, socket } = connection();
    expect(live.persist).toBeNull();
    live.connect(ECHO);
    expect(live.persist).toEqual({ kind: 'saving' });
    socket().open();
    socket().receive('hello');
    socket().closeFromServer(1000, '', true);
    await expect.poll(() => live.persist?.kind).toBe('finished');
    expect(live.totals).toMatchObject({ received: 1 });
  });

  it('says when it will reconnect after a close nobody asked for, and nothing once reconnecting is cancelled', () => {
    const { live, socket, reconnects } = connection();
    live.connect({ ...ECHO, reconnect: true });
    socket().open();
    socket().closeFromServer(1006, '', false);
    expect(reconnects.map((timer) => timer.ms)).toEqual([1000]);
    expect(live.reconnectAt).toEqual(expect.any(Number));
    expect(live.reconnectAttempt).toBe(1);
    live.session.cancelReconnect();
    expect(live.reconnectAt).toBeNull();
    expect(live.reconnectAttempt).toBe(0);
  });

  it('shows why a connection could not start, until the next attempt', () => {
    const { live, refuseSockets } = connection();
    refuseSockets("The URL 'ws://bad host' is invalid.");
    expect(live.connect(ECHO).ok).toBe(false);
    expect(live.problem).toMatch(/invalid/);
    refuseSockets(null);
    expect(live.connect(ECHO).ok).toBe(true);
    expect(live.problem).toBeNull();
  });

  it('stops mirroring once disposed', () => {
    const { live, socket } = connection();
    live.connect(ECHO);
    live.dispose();
    socket().open();
    expect(live.status).toBe('connecting');
    expect(live.openInfo).toBeNull();
  });
});
