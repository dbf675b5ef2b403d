import { beforeAll, describe, expect, it } from 'vitest';
import { ComposerState } from '../../../src/state/composer.svelte';
import type { ProfileInUse } from '../../../src/state/connection-bar.svelte';
import { ConnectionBarState } from '../../../src/state/connection-bar.svelte';
import { LiveConnectionState } from '../../../src/state/live-connection.svelte';
import { ECHO, liveSessions } from './live-harness';

// Each composer loads Handshake and keep-alive with import(): loaded once here, it is ready before a test ends.
beforeAll(() => import('../../../src/lib/session/protocol-keep-alive'));

const PROFILE: ProfileInUse = {
  name: 'Echo',
  url: ECHO.url,
  values: { room: 'lobby' },
  secrets: [],
  sendOnOpen: [],
  reconnect: false,
};

/** A composer on a bar whose live connection is open on a fake socket. */
function composer(profileInUse: () => ProfileInUse = () => PROFILE) {
  const sessions = liveSessions();
  const live = new LiveConnectionState(sessions.create());
  const bar = new ConnectionBarState(live, 'http:', profileInUse);
  bar.url = ECHO.url;
  live.connect({ ...ECHO, values: PROFILE.values });
  sessions.socket().open();
  return { ...sessions, live, composer: new ComposerState(bar) };
}

describe('ComposerState', () => {
  it('numbers {{$seq}} among the messages sent on the connection, whoever sent them', () => {
    const { composer: state, live, socket } = composer();
    live.send({ body: 'sent by a saved message', format: 'text' });
    state.body = 'message {{$seq}} in {{room}}';
    expect(state.send()).toBe(true);
    expect(state.send()).toBe(true);
    expect(socket().sent).toEqual(['sent by a saved message', 'message 2 in lobby', 'message 3 in lobby']);
    expect(state.history).toEqual([{ body: 'message {{$seq}} in {{room}}', format: 'text' }]);
  });

  it('fills in variables as they are when sent, not as they were when the connection opened', () => {
    let inUse = $state(PROFILE);
    const { composer: state, socket } = composer(() => inUse);
    // Defined after connecting, as "Define {{topic}} in profile" does.
    inUse = { ...PROFILE, values: { room: 'lobby', topic: 'news' } };
    state.body = '{{topic}} in {{room}}';
    expect(state.error).toBeNull();
    expect(state.send()).toBe(true);
    expect(socket().sent).toEqual(['news in lobby']);
  });

  it('shows an unknown variable as an error before anything is sent, and sends nothing', () => {
    const { composer: state, socket } = composer();
    state.body = 'hello {{nobody}}';
    expect(state.error).toMatch(/\{\{nobody\}\}/);
    expect(state.send()).toBe(false);
    expect(state.error).toMatch(/\{\{nobody\}\}/);
    expect(socket().sent).toEqual([]);
    expect(state.history).toEqual([]);
  });

  it('does not send invalid JSON, and says where it breaks', () => {
    const { composer: state, socket } = composer();
    state.format = 'json';
    state.body = '{"a": }';
    expect(state.send()).toBe(false);
    expect(state.error).toMatch(/line 1/i);
    expect(socket().sent).toEqual([]);
  });
});
