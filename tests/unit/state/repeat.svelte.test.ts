import { beforeAll, describe, expect, it } from 'vitest';
import { ComposerState } from '../../../src/state/composer.svelte';
import { ConnectionBarState } from '../../../src/state/connection-bar.svelte';
import { LiveConnectionState } from '../../../src/state/live-connection.svelte';
import { RepeatState } from '../../../src/state/repeat.svelte';
import { ECHO, liveSessions } from './live-harness';

beforeAll(() => import('../../../src/lib/session/protocol-keep-alive'));

function repeat() {
  const sessions = liveSessions();
  const live = new LiveConnectionState(sessions.create());
  const bar = new ConnectionBarState(live, 'http:', () => null);
  live.connect(ECHO);
  sessions.socket().open();
  const composer = new ComposerState(bar);
  return { ...sessions, composer, state: new RepeatState(live, composer) };
}

describe('RepeatState', () => {
  it('refuses bad boxes with their reason and sends nothing', () => {
    const { state, socket } = repeat();
    state.every = '0';
    state.start();
    expect(state.running).toBe(false);
    expect(state.status).toMatch(/^Repeat every \(ms\) must be/);
    state.every = '50';
    state.count = 'ten';
    state.start();
    expect(state.status).toMatch(/^Repeat count must be/);
    expect(socket().sent).toEqual([]);
  });

  it('sends the first at once, says "Sent n of m", and stops when the connection closes', () => {
    const { state, composer, socket } = repeat();
    composer.body = 'tick {{$seq}}';
    state.every = '60000';
    state.count = '3';
    state.start();
    expect(socket().sent).toEqual(['tick 1']);
    expect(state.status).toBe('Sent 1 of 3');
    socket().closeFromServer(1001, 'going away', true);
    expect(state.running).toBe(false);
    expect(state.status).toBe('Stopped after 1: the connection closed.');
  });
});
