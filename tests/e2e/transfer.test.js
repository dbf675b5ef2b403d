// @ts-check
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { openConnected, openExportMenu, rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

/** @param {import('playwright-core').Page} page */
const sessions = (page) => page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');

/**
 * Clicks an export button and returns the file it downloads.
 * @param {import('playwright-core').Page} page
 * @param {string} button
 */
async function download(page, button) {
  await openExportMenu(page);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/**
 * Imports a file through the Import input and waits for the summary.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {string} text
 */
async function importText(page, name, text) {
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(text),
  });
  return page.getByRole('status').filter({ hasText: new RegExp(`Imported|${name}`) });
}

/** The record lines of a native file: everything but the header, which says when it was exported. */
const recordLines = (/** @type {string} */ text) => text.trimEnd().split('\n').slice(1);

/**
 * Records a session with text, unicode, empty, binary and 1 MB messages, closed by the client with a code.
 * @param {import('playwright-core').Page} page
 */
async function recordVariedSession(page) {
  const box = page.getByLabel('Message', { exact: true });
  const send = () => page.getByRole('button', { name: 'Send', exact: true }).click();
  for (const text of ['hello', 'héllo 🌍 “quoted” <b>bold</b>', '']) {
    await box.fill(text);
    await send();
  }
  await page.getByLabel('Message format').selectOption('Hex');
  await box.fill('00 01 fe ff');
  await send();
  await page.getByLabel('Message format').selectOption('Text');
  await box.fill('x'.repeat(1024 * 1024));
  await send();
  await waitForMessageCount(page, 10);
  await page.getByLabel('Close code').fill('4001');
  await page.getByLabel('Close reason').fill('bye ✓');
  await page.getByRole('button', { name: 'Close with code' }).click();
  await sessions(page).first().filter({ hasText: 'closed' }).waitFor();
}

test('a session exports natively and imports back with the same records, read-only and labelled', async () => {
  const page = await openConnected(env, '/echo');
  await recordVariedSession(page);

  // Controlled by the service worker, the export streams through it to disk.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const exported = await download(page, 'Export session');
  assert.match(exported.name, /^127\.0\.0\.1-echo-.*\.wsi\.jsonl$/);
  const lines = exported.text.trimEnd().split('\n');
  assert.deepEqual(JSON.parse(lines[0] ?? '').redactions, []);
  assert.deepEqual(JSON.parse(lines.at(-1) ?? ''), { end: true, count: lines.length - 2 });
  assert.match(exported.text, /"kind":"close","code":4001,"reason":"bye ✓","wasClean":true/);

  const summary = await importText(page, 'mine.wsi.jsonl', exported.text);
  await summary
    .filter({ hasText: `Imported 1 session (${lines.length - 2} records) from mine.wsi.jsonl` })
    .waitFor();
  // Listed by when it was recorded, beside the session it came from, and opened at once.
  const imported = sessions(page).filter({ hasText: 'from mine.wsi.jsonl (WS Inspector)' });
  await imported.getByText('imported', { exact: true }).waitFor();
  await page
    .getByRole('region', { name: 'Recorded session' })
    .getByText(/Imported session/)
    .waitFor();
  await waitForMessageCount(page, 10);
  await rowsOf(page, 'close').filter({ hasText: '4001 “bye ✓”' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled(), true);

  // Exported again, the imported session gives back the very same records.
  const again = await download(page, 'Export session');
  assert.deepEqual(recordLines(again.text), recordLines(exported.text));
});

test('HAR export has Chrome’s shape and imports back; a Chrome HAR with other entries imports', async () => {
  const page = await openConnected(env, '/echo');
  await recordVariedSession(page);
  const native = await download(page, 'Export session');
  const har = await download(page, 'Export HAR');
  assert.match(har.name, /\.har$/);
  const entry = JSON.parse(har.text).log.entries[0];
  assert.equal(entry._resourceType, 'websocket');
  assert.equal(entry.response.status, 101);
  assert.match(entry.request.url, /^ws:\/\/127\.0\.0\.1:\d+\/echo$/);
  assert.deepEqual(entry._wsInspector.close, { ...entry._wsInspector.close, code: 4001, reason: 'bye ✓' });
  const binary = entry._webSocketMessages.find((/** @type {any} */ m) => m.opcode === 2);
  assert.deepEqual({ ...binary, time: 0 }, { type: 'send', time: 0, opcode: 2, data: 'AAH+/w==' });
  assert.ok(entry._webSocketMessages.every((/** @type {any} */ m) => m.time > 1.7e9 && m.time < 1e10));

  await (await importText(page, 'mine.har', har.text)).filter({ hasText: /Imported 1 session/ }).waitFor();
  await sessions(page).filter({ hasText: 'from mine.har (HAR)' }).waitFor();
  const back = await download(page, 'Export session');
  // Everything but the delivery type survives HAR; times agree to the microsecond.
  const strip = (/** @type {string} */ line) => {
    const record = JSON.parse(line);
    delete record.binaryType;
    return { ...record, t: Math.round(record.t * 1000) };
  };
  assert.deepEqual(recordLines(back.text).map(strip), recordLines(native.text).map(strip));

  const chrome = await readFile(new URL('./fixtures/chrome.har', import.meta.url), 'utf8');
  const summary = await importText(page, 'chrome.har', chrome);
  await summary
    .filter({
      hasText: /Imported 1 session \(4 records\) from chrome\.har.*2 entries that are not WebSockets/,
    })
    .waitFor();
  await rowsOf(page, 'received').filter({ hasText: '{"price":101.5}' }).waitFor();
});

test("a HAR written by Playwright's recordHar (times in epoch milliseconds) imports with all its messages", async () => {
  // Recorded by playwright-core 1.65's recordHar in this Chromium against the sandbox's /echo: two sends, two echoes.
  const har = await readFile(new URL('./fixtures/playwright.har', import.meta.url), 'utf8');
  const page = await env.open();
  const summary = await importText(page, 'playwright.har', har);
  const text = await summary.filter({ hasText: /Imported 1 session/ }).textContent();
  assert.match(text ?? '', /Imported 1 session \(5 records\) from playwright\.har \(HAR\)\./);
  assert.doesNotMatch(text ?? '', /skipped/);
  await rowsOf(page, 'received').filter({ hasText: 'hello from playwright' }).waitFor();
  assert.equal(await rowsOf(page, 'sent').count(), 2);
  // The messages keep their own times (not 1000 times later, nor refused): 06:02:22 UTC, in the browser's zone,
  // which is this process's.
  const sent = new Date(JSON.parse(har).log.entries[0]._webSocketMessages[0].time);
  const clock = [sent.getHours(), sent.getMinutes(), sent.getSeconds()].map((n) =>
    String(n).padStart(2, '0'),
  );
  await rowsOf(page, 'sent').first().getByText(clock.join(':')).waitFor();
});

test('a Firefox HAR becomes a profile with a notice; bad files are explained and touch nothing', async () => {
  const page = await openConnected(env, '/echo');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await sessions(page).first().filter({ hasText: 'closed' }).waitFor();

  const firefox = JSON.stringify({
    log: { entries: [{ request: { url: 'wss://ff.example/live', headers: [] }, response: { status: 101 } }] },
  });
  await (
    await importText(page, 'firefox.har', firefox)
  )
    .filter({ hasText: /Firefox does not save WebSocket messages/ })
    .waitFor();
  await page.getByRole('list', { name: 'Profiles' }).getByText('ff.example/live').first().waitFor();

  const bad = [
    ['junk.har', '{"log": {"entries": [', /is not valid JSON/],
    ['newer.wsi.jsonl', '{"format":"wsi-session","v":9}\n', /newer WS Inspector \(format version 9\)/],
    ['notes.txt', 'hello', /neither a WS Inspector session/],
  ];
  for (const [name, text, message] of bad) {
    await importText(page, String(name), String(text));
    // A file that could not be imported is an alert, not a status.
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
  }
  assert.equal(await sessions(page).count(), 1);
  await sessions(page).first().filter({ hasText: 'closed' }).waitFor();

  // A file cut short opens with what it holds, and says so.
  const cut =
    '{"format":"wsi-session","v":1,"session":{"url":"ws://cut.test/"}}\n{"seq":0,"t":1,"dir":"in","kind":"text","data":"only"}\n{"seq":1,"t":2,"dir":"in","ki';
  await (await importText(page, 'cut.wsi.jsonl', cut)).filter({ hasText: /cut short/ }).waitFor();
  await rowsOf(page, 'received').filter({ hasText: 'only' }).waitFor();
});

test('exports redact tokens in the URL, userinfo and a subprotocol unless secrets are included', async () => {
  const token = 'tok_live_9f8e7d6c5b4a';
  const protocolToken = 'c2VjcmV0LXRva2VuLXZhbHVl';
  const port = new URL(env.wsUrl).port;
  const page = await env.open({
    url: `ws://alice:pa55word99@127.0.0.1:${port}/echo?room=lobby&access_token=${token}`,
    protocols: `chat.v1,base64url.bearer.authorization.k8s.io.${protocolToken}`,
    connect: '1',
  });
  await page.getByRole('status', { name: 'Connection state' }).filter({ hasText: 'open' }).waitFor();
  await page.getByLabel('Message', { exact: true }).fill(`{"auth":"${token}"}`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);

  await openExportMenu(page);
  const preview = page.getByLabel('Redactions');
  await preview.getByText('the user name and password in the URL').waitFor();
  await preview.getByText('the value of query parameter “access_token”').waitFor();
  await preview.getByText(/a credential in subprotocol/).waitFor();
  assert.doesNotMatch(
    (await preview.textContent()) ?? '',
    new RegExp(`${token}|${protocolToken}|pa55word99`),
  );

  for (const button of ['Export session', 'Export HAR']) {
    const file = await download(page, button);
    assert.doesNotMatch(file.text, new RegExp(`${token}|${protocolToken}|pa55word99`), button);
    assert.match(file.text, /access_token=REDACTED/);
  }
  const header = JSON.parse((await download(page, 'Export session')).text.split('\n')[0] ?? '');
  assert.equal(header.redactions.length, 3);
  assert.match(
    header.session.url,
    /^ws:\/\/REDACTED:REDACTED@127\.0\.0\.1:\d+\/echo\?room=lobby&access_token=REDACTED$/,
  );

  await openExportMenu(page);
  await page.getByRole('region', { name: 'Export and share' }).getByLabel('Include secrets').check();
  await page
    .getByRole('alert')
    .filter({ hasText: /Secrets included/ })
    .waitFor();
  const withSecrets = await download(page, 'Export session');
  assert.match(withSecrets.text, new RegExp(token));
  assert.match(withSecrets.text, new RegExp(protocolToken));

  // Including secrets was for that one download (security review L5): the box is clear again, and a share link
  // made while it is ticked is redacted all the same.
  const includeSecrets = page.getByRole('region', { name: 'Export and share' }).getByLabel('Include secrets');
  assert.equal(await includeSecrets.isChecked(), false);
  await includeSecrets.check();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openExportMenu(page);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByText(/Share link copied/).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const shared = await page.evaluate(
    async (encoded) => {
      const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Response(inflated).text();
    },
    link.split('#session=')[1] ?? '',
  );
  assert.match(shared, /access_token=REDACTED/);
  assert.doesNotMatch(shared, new RegExp(`${token}|${protocolToken}|pa55word99`));
});

test('a share link opens the same frames as an imported session; dropping a file imports it', async () => {
  const page = await openConnected(env, '/echo');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const text of ['one', 'two ✓', '{"three":3}']) {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await waitForMessageCount(page, 6);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await sessions(page).first().filter({ hasText: 'closed' }).waitFor();
  const original = await download(page, 'Export session');

  await openExportMenu(page);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByText(/Share link copied/).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#session=[A-Za-z0-9_-]+$/);

  const other = await env.open();
  await other.goto(link);
  // A link never changes what is stored unasked: the session is imported when the person says so.
  await other.getByRole('button', { name: 'Import shared session' }).click();
  await sessions(other).first().getByText('from share link (WS Inspector)').waitFor();
  await waitForMessageCount(other, 6);
  assert.equal(new URL(other.url()).hash, '', 'the link leaves the address bar once imported');
  const shared = await download(other, 'Export session');
  assert.deepEqual(recordLines(shared.text), recordLines(original.text));

  // Dropped on the window, the same file imports too.
  await other.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.wsi.jsonl'));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }));
    document.body.dispatchEvent(
      new DragEvent('drop', { dataTransfer: data, cancelable: true, bubbles: true }),
    );
  }, original.text);
  await sessions(other).filter({ hasText: 'from dropped.wsi.jsonl (WS Inspector)' }).waitFor();
  assert.equal(await sessions(other).count(), 2);
});
