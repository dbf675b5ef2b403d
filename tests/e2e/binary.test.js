// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openConnected, useEnvironment, waitForMessageCount } from './harness.js';

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
  // Each payload starts with its sequence number as a big-endian uint32.
  const seqs = await page
    .getByRole('grid', { name: 'Frames' })
    .getByRole('row')
    .filter({ hasText: 'received' })
    .evaluateAll((rows) =>
      rows.map((row) => {
        const hex = /binary: ((?:[0-9a-f]{2} ){4})/.exec(row.textContent ?? '')?.[1] ?? '';
        return Number.parseInt(hex.replace(/ /g, ''), 16);
      }),
    );
  assert.ok(seqs.length > 5, `only ${seqs.length} rows rendered`);
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => i),
  );
});
