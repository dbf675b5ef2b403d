import { flushSync } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KeyvalStore } from '../../../src/lib/persist/idb-store';
import { ProfilesDb } from '../../../src/lib/persist/profiles-db';
import type { Profile } from '../../../src/lib/profiles/profile';
import { automationOf } from '../../../src/state/automation.svelte';
import { ProfilesState } from '../../../src/state/profiles.svelte';
import { TabsState } from '../../../src/state/tabs.svelte';
import { ECHO } from './live-harness';
import { workspace } from './workspace-harness';

// Loaded once here, so no import() is pending while the clock is faked.
beforeAll(() =>
  Promise.all([
    import('../../../src/lib/session/protocol-keep-alive'),
    import('../../../src/lib/automation/auto-replies'),
  ]),
);
afterEach(() => vi.useRealTimers());

let stores = 0;

/** A workspace of two tabs as main.ts builds it, with real profiles (fake-indexeddb) in use in its bars. */
function started() {
  let profiles: ProfilesState | null = null;
  const env = workspace(() => profiles?.inUse ?? null);
  env.workspace.addPanel();
  profiles = new ProfilesState(
    new ProfilesDb(new KeyvalStore(`automation-profiles-${++stores}`, 'profiles')),
    () => env.workspace.front.connection,
  );
  const tabs = new TabsState(env.workspace, { getItem: () => null, setItem: () => undefined });
  const second = tabs.open();
  return { ...env, tabs, second, profiles };
}

/** The second tab connected, answering `ping` with `pong` 50 ms later and repeating `tick` every 100 ms. */
async function automated() {
  const env = started();
  const automation = automationOf(env.second);
  const { replies, repeat } = automation;
  replies.add();
  Object.assign(replies.rows[0]!, { when: 'ping', reply: 'pong', delay: '50' });
  await replies.apply();
  env.second.live.connect(ECHO);
  env.socket().open();
  await replies.apply();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  env.second.composer.body = 'tick';
  repeat.every = '100';
  repeat.start();
  env.socket().receive('ping');
  const sent = () => env.socket().sent.filter((data) => data === 'pong' || data === 'tick');
  return { ...env, automation, sent };
}

describe('a tab’s automation', () => {
  it('answers and repeats while its tab is open', async () => {
    const env = await automated();
    vi.advanceTimersByTime(250);
    expect(env.sent()).toEqual(['tick', 'pong', 'tick', 'tick']);
    expect(env.automation.repeat.running).toBe(true);
  });

  it('is released when its tab closes: a reply waiting for its delay is not sent, and the repeat stops', async () => {
    const env = await automated();
    expect(env.sent()).toEqual(['tick']);
    // The reply to `ping` and the next tick wait on their timers.
    expect(vi.getTimerCount()).toBe(2);
    env.tabs.close(env.second);
    expect(env.workspace.panels).not.toContain(env.second);
    // Both cleared at once, not left to fire on the closing connection (and note their failure in its recording).
    expect(vi.getTimerCount()).toBe(0);
    expect(env.automation.repeat.running).toBe(false);
    // The closing handshake is still under way (the server has not answered): frames still arrive.
    env.socket().receive('ping');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(env.sent()).toEqual(['tick']);
    // A tab's automation is made afresh if asked for again: the released one is not handed out.
    expect(automationOf(env.second)).not.toBe(env.automation);
  });
});

const kept: Profile = {
  id: 'p1',
  name: 'Echo',
  url: ECHO.url,
  protocols: '',
  binaryType: 'arraybuffer',
  createdAt: 1,
  lastUsedAt: 1,
  variables: [],
  messages: [],
  notes: '',
  reconnect: false,
  rules: [{ when: 'ping', reply: 'pong', maxTimes: 2 }],
  scenario: '{"url":"ws://test.example/echo","steps":[{"send":"hi"}]}',
};

describe('a tab’s automation kept with the profile in use', () => {
  it('comes from the profile when it is loaded, and edits are saved to it', async () => {
    const { profiles, second } = started();
    await profiles.save(kept);
    const { replies, scenario } = automationOf(second, profiles);
    await profiles.activate('p1');
    flushSync();
    expect(replies.rows.map(({ when, reply, max }) => ({ when, reply, max }))).toEqual([
      { when: 'ping', reply: 'pong', max: '2' },
    ]);
    expect(scenario.text).toBe(kept.scenario);
    replies.rows[0]!.reply = 'pong {{$match}}';
    flushSync();
    await vi.waitFor(() => expect(profiles.find('p1')?.rules?.[0]?.reply).toBe('pong {{$match}}'));
  });

  it('keeps a scenario only while it is valid, and says why not', async () => {
    const { profiles, second } = started();
    await profiles.save(kept);
    const automation = automationOf(second, profiles);
    await profiles.activate('p1');
    flushSync();
    automation.scenario.text = '{"url":"ws://test.example/echo","steps":[';
    flushSync();
    expect(automation.kept?.notKept).toMatch(/^Not saved with profile “Echo”: The scenario is not JSON/);
    automation.scenario.text = '';
    flushSync();
    expect(automation.kept?.notKept).toBeNull();
    await vi.waitFor(() => expect(profiles.find('p1')?.scenario).toBe(''));
  });

  it('goes to a profile that has none of its own yet, and not to one the bar no longer points at', async () => {
    const { profiles, second } = started();
    const older: Profile = { ...kept, rules: undefined, scenario: undefined };
    await profiles.save(older);
    const { replies } = automationOf(second, profiles);
    replies.add();
    replies.rows[0]!.when = 'hello';
    flushSync();
    await profiles.activate('p1');
    flushSync();
    await vi.waitFor(() => expect(profiles.find('p1')?.rules).toEqual([{ when: 'hello', reply: '' }]));
    // Saving starts as the edit is flushed: a save not asked for by then is not asked for.
    const save = vi.spyOn(profiles, 'update');
    second.connection.url = 'ws://elsewhere.example/';
    replies.rows[0]!.reply = 'not for the profile';
    flushSync();
    expect(save).not.toHaveBeenCalled();
    second.connection.url = ECHO.url;
    flushSync();
    expect(save).toHaveBeenCalledOnce();
  });

  it('saves a tab’s edit once, when two tabs on the profile’s origin share it', async () => {
    const { profiles, second, workspace } = started();
    const first = workspace.panels[0]!;
    first.connection.url = ECHO.url;
    await profiles.save(kept);
    const one = automationOf(first, profiles);
    const two = automationOf(second, profiles);
    await profiles.activate('p1');
    flushSync();
    expect(one.replies.rows).toHaveLength(1);
    const save = vi.spyOn(profiles, 'update');
    two.replies.rows[0]!.reply = 'from the second tab';
    flushSync();
    await vi.waitFor(() => expect(profiles.find('p1')?.rules?.[0]?.reply).toBe('from the second tab'));
    flushSync();
    // The first tab's rows differ, but it edited nothing: the profile saved is no reason to save them over it.
    expect(save).toHaveBeenCalledOnce();
  });
});
