// @ts-check
import { test } from 'node:test';
import { openConnected, rowsOf, useEnvironment } from './harness.js';

const env = useEnvironment();

test('two pages in /chat see each other join and talk', async () => {
  const alice = await openConnected(env, '/chat?name=alice', { protocols: 'chat.v1' });
  const bob = await openConnected(env, '/chat?name=bob', { protocols: 'chat.v1' });
  await rowsOf(alice, 'received').filter({ hasText: '"type":"join","name":"bob"' }).waitFor();

  await bob.getByLabel('Message', { exact: true }).fill('hi alice');
  await bob.getByRole('button', { name: 'Send', exact: true }).click();
  await rowsOf(alice, 'received').filter({ hasText: '"from":"bob","text":"hi alice"' }).waitFor();
  await rowsOf(bob, 'received').filter({ hasText: '"from":"bob","text":"hi alice"' }).waitFor();

  await bob.getByRole('button', { name: 'Disconnect' }).click();
  await rowsOf(alice, 'received').filter({ hasText: '"type":"leave","name":"bob"' }).waitFor();
});
