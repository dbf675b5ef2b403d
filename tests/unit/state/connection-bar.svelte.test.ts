import { describe, expect, it } from 'vitest';
import type { ProfileInUse } from '../../../src/state/connection-bar.svelte';
import { ConnectionBarState } from '../../../src/state/connection-bar.svelte';
import { LiveConnectionState } from '../../../src/state/live-connection.svelte';
import { liveSessions } from './live-harness';

const API: ProfileInUse = {
  name: 'API',
  url: 'wss://api.example.com/{{path}}',
  values: { path: 'feed', token: 't0k' },
  secrets: [{ name: 'token', value: 't0k' }],
  sendOnOpen: [
    { body: '{"auth":"{{token}}"}', format: 'json' },
    { body: 'subscribe {{path}}', format: 'text' },
  ],
  reconnect: false,
};

/**
 * A bar on its own live connection; `profile` is what the profiles list says is in use. The page is plain http
 * unless said otherwise: it may open ws:// anywhere.
 */
function bar(profile: ProfileInUse | null = API, pageProtocol = 'http:') {
  const sessions = liveSessions();
  const live = new LiveConnectionState(sessions.create());
  return { ...sessions, live, bar: new ConnectionBarState(live, pageProtocol, () => profile) };
}

describe('ConnectionBarState', () => {
  it('checks the URL and subprotocols with the profile’s variables filled in, as they will be used', () => {
    const { bar: state } = bar();
    state.url = 'wss://api.example.com/{{path}}?token={{token}}';
    state.protocolsText = 'v1, {{token}}';
    expect(state.urlCheck).toEqual({ ok: true, value: 'wss://api.example.com/feed?token=t0k' });
    expect(state.protocolsCheck).toEqual({ ok: true, value: ['v1', 't0k'] });
  });

  it('shows an unknown variable as a URL error once connecting is tried, and opens nothing', () => {
    const { bar: state, sockets } = bar();
    state.url = 'wss://api.example.com/{{path}}/{{nope}}';
    expect(state.urlError).toBeNull();
    state.connect();
    expect(state.urlError?.message).toMatch(/\{\{nope\}\}/);
    expect(sockets).toHaveLength(0);
  });

  it('uses the profile only while the bar points at its origin, and says when it is set aside', () => {
    const { bar: state } = bar();
    state.url = 'wss://api.example.com/other';
    expect(state.profile?.name).toBe('API');
    expect(state.profileSetAside).toBeNull();
    expect(state.sendsOnOpen).toBe('Sends 2 saved messages of profile “API” on open');

    state.url = 'wss://elsewhere.example.com/{{path}}';
    expect(state.profile).toBeNull();
    expect(state.profileSetAside).toBe('API');
    expect(state.sendsOnOpen).toBeNull();
    // Set aside, its variables are unknown: the URL cannot be used as typed.
    expect(state.urlCheck.ok).toBe(false);
  });

  it('connects with the checked URL, the subprotocols, the profile’s values and its messages for the open', () => {
    const { bar: state, socket, live } = bar();
    state.url = 'wss://api.example.com/{{path}}';
    state.protocolsText = 'v1';
    state.connect();
    expect(socket().url).toBe('wss://api.example.com/feed');
    expect(socket().protocols).toEqual(['v1']);
    expect(live.session.meta?.secrets).toEqual([{ name: 'token', value: 't0k' }]);
    socket().open('v1');
    expect(socket().sent).toEqual(['{"auth":"t0k"}', 'subscribe feed']);
  });

  it('sends nothing of a profile set aside: neither its messages nor its secrets go to another server', () => {
    const { bar: state, socket, live } = bar();
    state.url = 'wss://elsewhere.example.com/feed';
    state.connect();
    socket().open();
    expect(socket().sent).toEqual([]);
    expect(live.session.meta?.secrets).toBeUndefined();
  });

  it('refuses ws:// to another host from an https page with the explanation, and opens nothing', () => {
    const { bar: state, sockets } = bar(null, 'https:');
    state.url = 'ws://example.com/feed';
    state.connect();
    expect(state.connectError).toMatch(/https/);
    expect(sockets).toHaveLength(0);
  });

  it('refuses a close code a page may not send, and closes with a valid one', () => {
    const { bar: state, socket } = bar(null);
    state.connect();
    socket().open();
    state.closeCode = '1001';
    state.closeWithCode();
    expect(state.closeError).toMatch(/1000 or a code from 3000 to 4999/);
    expect(socket().closedWith).toBeNull();

    state.closeCode = '4000';
    expect(state.closeError).toBeNull();
    state.closeReason = 'done';
    state.closeWithCode();
    expect(socket().closedWith).toEqual([4000, 'done']);
  });
});
