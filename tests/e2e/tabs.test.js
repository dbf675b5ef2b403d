// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

/**
 * Opens a new tab and connects it to a sandbox path.
 * @param {import('playwright-core').Page} page
 * @param {string} path
 * @param {string} [protocols]
 */
async function connectNewTab(page, path, protocols = '') {
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByRole('textbox', { name: 'URL' }).fill(env.wsUrl + path);
  await page.getByRole('textbox', { name: 'Subprotocols' }).fill(protocols);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} name
 */
function tab(page, name) {
  return page.getByRole('tablist', { name: 'Connections' }).getByRole('tab', { name });
}

test('two tabs in the chat room see each other, each with its own grid', async () => {
  const page = await openConnected(env, '/chat?name=alice', { protocols: 'chat.v1' });
  await connectNewTab(page, '/chat?name=bob', 'chat.v1');
  await assert.doesNotReject(
    tab(page, /name=bob/)
      .and(page.locator('[aria-selected="true"]'))
      .waitFor(),
  );

  await page.getByLabel('Message', { exact: true }).fill('hi alice');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await rowsOf(page, 'sent').filter({ hasText: 'hi alice' }).waitFor();

  // Arrow keys move between tabs and show the one reached (the WAI-ARIA tabs pattern).
  await tab(page, /name=bob/).focus();
  await page.keyboard.press('ArrowLeft');
  await tab(page, /name=alice/)
    .and(page.locator('[aria-selected="true"]'))
    .waitFor();
  assert.equal(await tab(page, /name=alice/).evaluate((element) => element === document.activeElement), true);
  await rowsOf(page, 'received').filter({ hasText: '"type":"join","name":"bob"' }).waitFor();
  await rowsOf(page, 'received').filter({ hasText: '"from":"bob","text":"hi alice"' }).waitFor();
  // Alice's grid holds her session only: bob's sent row is in his.
  assert.equal(await rowsOf(page, 'sent').count(), 0);

  // Closing bob's tab closes his connection: alice hears him leave, his recording is kept.
  await page.getByRole('button', { name: /^Close tab .*name=bob/ }).click();
  await rowsOf(page, 'received').filter({ hasText: '"type":"leave","name":"bob"' }).waitFor();
  assert.equal(await page.getByRole('tab').count(), 1);
  const bobSession = page
    .getByRole('list', { name: 'Sessions' })
    .getByRole('listitem')
    .filter({ hasText: 'name=bob' });
  await bobSession.filter({ hasText: 'closed' }).waitFor();
});

test('a tab in the background records every message, shown when it comes back', async () => {
  const count = 3000;
  const page = await openConnected(env, `/stream?count=${count}&rate=1000`);
  await page.getByRole('button', { name: 'New connection' }).click();
  // The stream's tab is in the background: its grid is not on the page at all.
  await page.getByRole('tab').nth(1).and(page.locator('[aria-selected="true"]')).waitFor();
  // The new tab's grid loads just after its panel is drawn: counted once its header row is there.
  const rows = page.getByRole('grid', { name: 'Frames' }).getByRole('row');
  await rows.first().waitFor();
  assert.equal(await page.getByRole('grid', { name: 'Frames' }).count(), 1);
  assert.equal(await rows.count(), 1);
  const streamed = page
    .getByRole('list', { name: 'Sessions' })
    .getByRole('listitem')
    .filter({ hasText: '/stream' });
  await streamed.filter({ hasText: `↓ ${count.toLocaleString('en-US')}` }).waitFor({ timeout: 20_000 });

  await tab(page, /stream/).click();
  await waitForMessageCount(page, count);
});

test('tabs come back after a reload, not connected', async () => {
  const page = await openConnected(env, '/echo');
  await connectNewTab(page, '/chat?name=carol', 'chat.v1');
  await page.reload();
  const tabs = page.getByRole('tablist', { name: 'Connections' }).getByRole('tab');
  await tabs.nth(1).waitFor();
  assert.equal(await tabs.count(), 2);
  // The second tab was in front, and is again: its bar as it was, its connection not opened.
  await tab(page, /name=carol/)
    .and(page.locator('[aria-selected="true"]'))
    .waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'URL' }).inputValue(), `${env.wsUrl}/chat?name=carol`);
  assert.equal(await page.getByRole('textbox', { name: 'Subprotocols' }).inputValue(), 'chat.v1');
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();
  await tab(page, /echo/).click();
  assert.equal(await page.getByRole('textbox', { name: 'URL' }).inputValue(), `${env.wsUrl}/echo`);
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'closed' }).waitFor();
});

test('the merged view shows both tabs’ frames in time order, saying which connection each came from', async () => {
  const page = await openConnected(env, '/chat?name=dave', { protocols: 'chat.v1' });
  await connectNewTab(page, '/chat?name=erin', 'chat.v1');
  await page.getByLabel('Message', { exact: true }).fill('hello from erin');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await rowsOf(page, 'received').filter({ hasText: 'hello from erin' }).waitFor();

  await page.getByRole('button', { name: 'Merge tabs' }).click();
  const grid = page.getByRole('grid', { name: 'Merged frames' });
  await grid.getByRole('columnheader', { name: 'Connection' }).waitFor();
  const said = grid.getByRole('row').filter({ hasText: 'hello from erin' });
  // Erin sent it and both received it: three rows, from both connections.
  await said.nth(2).waitFor();
  const rows = await grid
    .getByRole('row')
    .evaluateAll((elements) =>
      elements
        .slice(1)
        .map((row) => [...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent)),
    );
  const connections = new Set(
    rows.filter((cells) => cells[6]?.includes('hello from erin')).map((cells) => cells[2]),
  );
  assert.equal(connections.size, 2);
  const times = rows.map((cells) => cells[1] ?? '');
  assert.deepEqual(times, [...times].sort(), 'rows in time order');
  // The grid is virtual and follows the tail, so the rows in view may start past 0; they must still be
  // numbered one after another in merged order.
  const numbers = rows.map((cells) => Number(cells[0]));
  assert.deepEqual(
    numbers,
    numbers.map((_, index) => (numbers[0] ?? 0) + index),
  );
});
