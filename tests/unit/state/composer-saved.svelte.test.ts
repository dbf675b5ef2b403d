import { beforeAll, describe, expect, it } from 'vitest';
import { KeyvalStore } from '../../../src/lib/persist/idb-store';
import { ProfilesDb } from '../../../src/lib/persist/profiles-db';
import { ComposerSavedMessages } from '../../../src/state/composer-saved.svelte';
import { ComposerState } from '../../../src/state/composer.svelte';
import { ConnectionBarState } from '../../../src/state/connection-bar.svelte';
import { LiveConnectionState } from '../../../src/state/live-connection.svelte';
import { ProfilesState } from '../../../src/state/profiles.svelte';
import { liveSessions } from './live-harness';

// Each composer loads Handshake and keep-alive with import(): loaded once here, it is ready before a test ends.
beforeAll(() => import('../../../src/lib/session/protocol-keep-alive'));

let stores = 0;

/** The composer, bar and profiles of one page, as main.ts wires them, on fake-indexeddb. */
async function page(url = 'ws://127.0.0.1:9/echo') {
  const db = new ProfilesDb(new KeyvalStore(`composer-saved-${++stores}`, 'profiles'));
  const live = new LiveConnectionState(liveSessions().create());
  // The two refer to each other, as in main.ts: each reads the other only when asked.
  const bar: ConnectionBarState = new ConnectionBarState(live, 'http:', () => profiles.inUse);
  const profiles: ProfilesState = new ProfilesState(db, () => bar);
  bar.url = url;
  await profiles.load();
  const composer = new ComposerState(bar);
  return { db, profiles, bar, composer, saved: new ComposerSavedMessages(profiles, composer, bar) };
}

describe('ComposerSavedMessages', () => {
  it('with no profile in use, saves the box into a new profile made from the bar, under the name given', async () => {
    const { db, profiles, composer, saved } = await page();
    composer.format = 'json';
    composer.body = '{"type":"hello","n":{{$seq}}}';
    expect(saved.profile).toBeNull();
    expect(saved.suggestedName()).toBe('hello');

    expect(await saved.save('  greeting ')).toEqual({
      message: 'greeting',
      profile: '127.0.0.1:9/echo',
      created: true,
    });
    expect(saved.profile?.id).toBe(profiles.activeId);
    expect(saved.messages).toEqual([
      expect.objectContaining({ name: 'greeting', format: 'json', body: '{"type":"hello","n":{{$seq}}}' }),
    ]);
    // Stored, not only listed.
    expect((await db.list())[0]?.messages.map((m) => m.name)).toEqual(['greeting']);
  });

  it('saves into the profile in use, offering a name not yet taken, and the suggestion for a blank name', async () => {
    const { profiles, composer, saved } = await page();
    await profiles.saveCurrent();
    composer.body = '{"op":"subscribe"}';
    expect(await saved.save('')).toMatchObject({ message: 'subscribe', created: false });
    expect(saved.suggestedName()).toBe('subscribe 2');
    expect(await saved.save(saved.suggestedName())).toMatchObject({ message: 'subscribe 2' });
    expect(profiles.count).toBe(1);
    expect(saved.messages.map((m) => m.name)).toEqual(['subscribe', 'subscribe 2']);
  });

  it('saves into the profile just saved while its URL still waits for a variable, not into a copy', async () => {
    const { profiles, bar, composer, saved } = await page('ws://127.0.0.1:9/echo?token={{token}}');
    await profiles.saveCurrent();
    // The bar cannot tell the URL's server yet, so it does not count the profile as in use.
    expect(bar.profile).toBeNull();
    composer.body = 'hi';
    expect(await saved.save('hi')).toMatchObject({ created: false });
    expect(profiles.count).toBe(1);
    expect(saved.messages.map((m) => m.name)).toEqual(['hi']);
  });

  it('refuses an empty box and a protocol format with the reason, and saves nothing', async () => {
    const { profiles, composer, saved } = await page();
    composer.body = '   ';
    expect(await saved.save('x')).toEqual({ error: expect.stringMatching(/^Write a message first/) });
    composer.body = '{"event":"chat","args":["hi"]}';
    composer.format = 'socket-io';
    expect(saved.refusal).toMatch(/protocol format cannot be saved/);
    expect(await saved.save('x')).toEqual({ error: saved.refusal });
    expect(profiles.count).toBe(0);
  });

  it('puts a saved message in the box with its format, and lists only the profile in use’s', async () => {
    const { profiles, bar, composer, saved } = await page();
    await profiles.saveCurrent();
    composer.format = 'hex';
    composer.body = 'de ad be ef';
    await saved.save('dead beef');
    composer.format = 'text';
    composer.body = 'draft';
    const [message] = saved.messages;
    if (!message) throw new Error('nothing saved');
    saved.load(message);
    expect([composer.body, composer.format]).toEqual(['de ad be ef', 'hex']);

    // Pointed at another server, the profile is set aside: its messages are not offered, a save makes a new one.
    bar.url = 'ws://127.0.0.2:9/other';
    expect(saved.messages).toEqual([]);
    expect(await saved.save('elsewhere')).toMatchObject({ profile: '127.0.0.2:9/other', created: true });
    expect(profiles.count).toBe(2);
  });
});
