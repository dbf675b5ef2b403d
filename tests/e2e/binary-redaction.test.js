// @ts-check
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { decode, encode } from '@msgpack/msgpack';
import { openConnected, openExportMenu, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();

test('a token inside a MessagePack frame is redacted in the export, and unreadable binary frames are told', async () => {
  const page = await openConnected(env, '/echo');
  const box = page.getByLabel('Message', { exact: true });
  await page.getByLabel('Message format').selectOption('Hex');
  const frame = Buffer.from(encode({ op: 'auth', sessionToken: 'opaque-1234567' }));
  for (const bytes of [frame, Buffer.from([0x00, 0x01, 0xfe, 0xff])]) {
    await box.fill(bytes.toString('hex').replace(/../g, '$& ').trim());
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  // Each sent and echoed: two MessagePack frames, two opaque ones.
  await waitForMessageCount(page, 4);

  await openExportMenu(page);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export session', exact: true }).click(),
  ]);
  const text = await readFile(await file.path(), 'utf8');
  // The token travels as base64 inside the file: read every binary frame back.
  const binaries = text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line))
    .filter((record) => record.kind === 'binary');
  const decoded = binaries.map((record) => Buffer.from(record.b64, 'base64'));
  assert.equal(decoded.length, 4);
  assert.ok(decoded.every((bytes) => !bytes.toString('latin1').includes('opaque-1234567')));
  const readable = decoded.filter((bytes) => bytes[0] !== 0x00).map((bytes) => decode(bytes));
  assert.deepEqual(readable, [
    { op: 'auth', sessionToken: 'REDACTED' },
    { op: 'auth', sessionToken: 'REDACTED' },
  ]);
  await page
    .getByRole('region', { name: 'Export and share' })
    .getByRole('status')
    .filter({ hasText: '2 binary frames could not be checked for secrets' })
    .waitFor();
});
