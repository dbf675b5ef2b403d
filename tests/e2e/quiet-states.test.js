// @ts-check
/**
 * Issue 16 (the review's smaller items): a file imported before is not added again without a word; deleting the
 * session on screen clears the details strip; an empty grid says why it is empty.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useEnvironment, waitForMessageCount } from './harness.js';
import { chooseAction } from './entry-menu.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const sessions = (page) => page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');

/**
 * A native session file of `messages` received messages.
 * @param {string[]} messages
 */
const nativeFile = (messages) =>
  [
    '{"format":"wsi-session","v":1,"app":"WS Inspector","exportedAt":"2026-01-01T00:00:02.000Z","session":{"url":"ws://reimport.example/feed","protocols":[],"binaryType":"arraybuffer","startedAt":1767225600000,"endedAt":1767225601000},"redactions":[]}',
    ...messages.map((data, seq) =>
      JSON.stringify({ seq, t: 1767225600000 + seq, dir: 'in', kind: 'text', data }),
    ),
    JSON.stringify({ end: true, count: messages.length }),
  ].join('\n');
const NATIVE = nativeFile(['one', 'two']);

/**
 * Chooses a file in the Import input.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {string} text
 */
function choose(page, name, text) {
  return page.getByLabel('Import', { exact: true }).setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(text),
  });
}

test('a file imported before asks before it is imported again: Cancel adds nothing, Import again adds it', async () => {
  const page = await env.open();
  await choose(page, 'feed.wsi.jsonl', NATIVE);
  await page.getByRole('status').filter({ hasText: 'Imported 1 session' }).waitFor();
  await sessions(page).first().waitFor();

  // The same file again, renamed as a browser names a second download: asked, and Cancel adds nothing.
  await page.getByRole('button', { name: 'Dismiss import summary' }).click();
  await choose(page, 'feed (1).wsi.jsonl', NATIVE);
  const question = page.getByRole('status').filter({ hasText: /was already imported on/ });
  await question.waitFor();
  const today = new Date();
  const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-`;
  assert.match(
    (await question.textContent()) ?? '',
    new RegExp(
      `^\\s*“feed \\(1\\)\\.wsi\\.jsonl” was already imported on ${date}\\d\\d \\d\\d:\\d\\d\\. Import again\\?\\s*$`,
    ),
  );
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await question.waitFor({ state: 'detached' });
  assert.equal(await sessions(page).count(), 1);

  await choose(page, 'feed.wsi.jsonl', NATIVE);
  await page.getByRole('button', { name: 'Import again' }).click();
  await page.getByRole('status').filter({ hasText: 'Imported 1 session' }).waitFor();
  await sessions(page).nth(1).waitFor();

  // Another file (one more message) is no re-import: no question.
  await choose(page, 'feed.wsi.jsonl', nativeFile(['one', 'two', 'three']));
  await sessions(page).nth(2).waitFor();
  assert.equal(await page.getByText(/was already imported on/).count(), 0);
});

test('deleting the session on screen clears the details strip of its URL and close code', async () => {
  // Opens, sends one message, then the server closes with 4001.
  const page = await env.open({ url: `${env.wsUrl}/close?code=4001&reason=bye`, connect: '1' });
  const strip = page.getByRole('region', { name: 'Connection details' });
  await strip.getByText('4001', { exact: true }).waitFor();
  await sessions(page).first().filter({ hasText: 'closed' }).waitFor();

  await chooseAction(sessions(page).first(), 'Delete');
  await sessions(page).first().getByRole('menuitem', { name: 'Confirm delete' }).click();
  await page.getByText(/Every connection is recorded here/).waitFor();
  await strip.getByText(/Not connected/).waitFor();
  const text = (await strip.textContent()) ?? '';
  assert.doesNotMatch(text, /4001|Close code|close\?code/);
});

test('an empty grid says why: nothing yet, or nothing matching the filter', async () => {
  const page = await env.open();
  const empty = page.getByRole('status').filter({ hasText: /No frames/ });
  await empty
    .filter({ hasText: 'No frames yet. Connect and send a message, or open a recorded session.' })
    .waitFor();
  // Outside the grid's rows: the grid keeps its structure.
  assert.equal(
    await page
      .getByRole('grid', { name: 'Frames' })
      .getByText(/No frames/)
      .count(),
    0,
  );

  await page.getByLabel('URL', { exact: true }).fill(`${env.wsUrl}/echo`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await page.getByLabel('Message', { exact: true }).fill('hello');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);
  await empty.waitFor({ state: 'detached' });

  await page.getByRole('textbox', { name: 'Filter' }).fill('nothing says this');
  await empty.filter({ hasText: 'No frames match the filter.' }).waitFor();
  await page.getByRole('textbox', { name: 'Filter' }).fill('');
  await empty.waitFor({ state: 'detached' });
});
