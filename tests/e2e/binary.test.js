// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, row, rowsOf, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

/** The hex dump's lines for bytes 0..255: sixteen per line, with the extra gap after the eighth. */
function expectedDumpLines() {
  return Array.from({ length: 16 }, (_, line) => {
    const hex = Array.from({ length: 16 }, (_, i) => (line * 16 + i).toString(16).padStart(2, '0'));
    return `${(line * 16).toString(16).padStart(8, '0')}${hex.slice(0, 8).join(' ')}  ${hex.slice(8).join(' ')}`;
  });
}

for (const binaryType of ['arraybuffer', 'blob']) {
  test(`binary frames under binaryType ${binaryType} show a hex dump that matches the bytes`, async () => {
    const page = await openConnected(env, '/binary', { binaryType });
    // Wide enough for sixteen bytes a line in Frame details.
    await page.setViewportSize({ width: 1920, height: 900 });
    await waitForMessageCount(page, 3);

    const first = page
      .getByRole('grid', { name: 'Frames' })
      .getByRole('row')
      .filter({ hasText: 'received' })
      .first();
    assert.match((await first.textContent()) ?? '', /256 B binary: 00 01 02 03/);
    await first.click();

    const details = page.getByRole('region', { name: 'Frame details' });
    await details.getByText(`delivered as ${binaryType === 'blob' ? 'Blob' : 'ArrayBuffer'}`).waitFor();
    // The hex dump's code loads when it is first shown.
    await details.locator('.line').first().waitFor();
    const lines = await details.locator('.line').evaluateAll((nodes) =>
      nodes.map((node) =>
        [...node.children]
          .slice(0, 2)
          .map((cell) => cell.textContent)
          .join(''),
      ),
    );
    assert.deepEqual(lines, expectedDumpLines());
    // The ASCII column shows printable bytes as themselves and the rest as dots.
    assert.equal(await details.locator('.line .ascii').nth(4).textContent(), '@ABCDEFGHIJKLMNO');
    assert.equal(await details.locator('.line .ascii').nth(0).textContent(), '.'.repeat(16));

    // The PNG comes second and keeps its signature.
    await page
      .getByRole('grid', { name: 'Frames' })
      .getByRole('row')
      .filter({ hasText: 'received' })
      .nth(1)
      .click();
    assert.match((await details.locator('.line').first().textContent()) ?? '', /89 50 4e 47 0d 0a 1a 0a/);
  });
}

test('under blob delivery, binary frames keep the order they arrived in', async () => {
  const page = await openConnected(env, '/stream?count=300&binary=1&size=16', { binaryType: 'blob' });
  await waitForMessageCount(page, 300);
  await page.getByRole('grid', { name: 'Frames' }).press('Home');
  await row(page, 0).waitFor();
  // Each payload starts with its stream index as a big-endian uint32; record 0 is the note, 1 the open event.
  // Rows are read once every rendered one shows its bytes, so a row still being laid out cannot pass for a gap.
  const rows = await page.waitForFunction(() => {
    const rendered = [...document.querySelectorAll('[role="grid"] [role="row"][aria-rowindex]')]
      .map((node) => ({
        seq: Number(node.getAttribute('aria-rowindex')) - 2,
        text: node.textContent ?? '',
      }))
      .filter(({ seq, text }) => seq >= 2 && text.includes('received'));
    const hex = rendered.map(({ text }) => /binary: ((?:[0-9a-f]{2} ){4})/.exec(text)?.[1]);
    if (rendered.length < 5 || hex.includes(undefined)) return null;
    return rendered.map(({ seq }, i) => ({
      seq,
      streamIndex: Number.parseInt((hex[i] ?? '').replace(/ /g, ''), 16),
    }));
  });
  const pairs = /** @type {{ seq: number, streamIndex: number }[]} */ (await rows.jsonValue());
  assert.deepEqual(
    pairs.map(({ streamIndex }) => streamIndex),
    pairs.map(({ seq }) => seq - 2),
  );
});

test('invalid UTF-8 is flagged in the text view; copy gives text, hex and base64', async () => {
  const page = await openConnected(env, '/echo');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByLabel('Message format').selectOption('Hex');
  await page.getByLabel('Message', { exact: true }).fill('68 69 ff 21');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForMessageCount(page, 2);
  await rowsOf(page, 'received').click();

  const details = page.getByRole('region', { name: 'Frame details' });
  await details.getByRole('button', { name: 'Text', exact: true }).click();
  await details.getByText(/Not valid UTF-8/).waitFor();
  await details.getByText('hi\ufffd!').waitFor();

  /** @type {[string, string][]} */
  const copies = [
    ['Copy as hex', '68 69 ff 21'],
    ['Copy as base64', 'aGn/IQ=='],
    ['Copy as text', 'hi\ufffd!'],
  ];
  for (const [button, expected] of copies) {
    await details.getByRole('button', { name: button }).click();
    await details.getByText(/^Copied as/).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  }
});

test('a 50 MB binary frame arrives whole and its hex dump opens a page at a time', async () => {
  const size = 50 * 1024 * 1024;
  const page = await openConnected(env, `/stream?count=1&binary=1&size=${size}`);
  // Wide enough for sixteen bytes a line in Frame details, which the count below assumes.
  await page.setViewportSize({ width: 1920, height: 900 });
  await waitForMessageCount(page, 1, 60_000);
  const row = rowsOf(page, 'received');
  assert.match((await row.textContent()) ?? '', /50\.0 MB binary: 00 00 00 00 04 05 06 07/);
  await row.click();
  const details = page.getByRole('region', { name: 'Frame details' });
  await details.getByText(`binary, 50.0 MB (${size} bytes)`).waitFor();
  await details.locator('.line').first().waitFor();
  assert.equal(await details.locator('.line').count(), 1024);
  await details.getByRole('button', { name: /Show more \(52,412,416 bytes not shown\)/ }).waitFor();
});

test('in a narrower window the hex dump shows eight bytes a line, its ASCII column whole', async () => {
  const page = await openConnected(env, '/binary');
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitForMessageCount(page, 3);
  await rowsOf(page, 'received').first().click();
  const dump = page.getByRole('region', { name: 'Frame details' }).getByLabel('Hex dump');
  await dump.locator('.line').first().waitFor();
  assert.equal(await dump.locator('.line .ascii').nth(8).textContent(), '@ABCDEFG');
  const box = await dump.boundingBox();
  const ascii = await dump.locator('.line .ascii').nth(8).boundingBox();
  assert.ok(box && ascii && ascii.x + ascii.width <= box.x + box.width, 'the ASCII column fits the pane');
});
