// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedBundleCode } from '../shared/seed-bundle.js';
import { useEnvironment } from './harness.js';

const env = useEnvironment();
/** The sweep keeps chunks written within this long before the page started (ORPHAN_GRACE_MS). */
const GRACE_MS = 10 * 60_000;

test('chunks an interrupted import left are removed at the next start, and the storage freed is shown', async () => {
  const page = await env.open();
  await page.evaluate(await seedBundleCode());
  /** @type {(count: number, writtenAt: number) => Promise<string>} */
  const seedOrphan = (count, flushedAt) =>
    page.evaluate(([n, at]) => /** @type {any} */ (window).wsiSeed.seedOrphan(n, at), [count, flushedAt]);
  /** @type {(id: string) => Promise<boolean>} */
  const hasChunks = (id) => page.evaluate((sid) => /** @type {any} */ (window).wsiSeed.hasChunks(sid), id);
  // Just young enough for this page to keep (its own sweep may run meanwhile), old enough for the next one.
  const firstStart = await page.evaluate(() => performance.timeOrigin);
  const old = await seedOrphan(2048, firstStart - GRACE_MS + 1);
  // Written a moment ago: it may be an import still running in another tab, so it stays.
  const recent = await seedOrphan(10, Date.now());
  assert.equal(await hasChunks(old), true);

  await page.reload();
  // Attached, not visible: the Sessions panel may be folded away at this window's size.
  await page
    .getByRole('status')
    .filter({ hasText: 'Freed 2.0 MB left by an interrupted import' })
    .waitFor({ state: 'attached' });
  await page.evaluate(await seedBundleCode());
  assert.equal(await hasChunks(old), false);
  assert.equal(await hasChunks(recent), true);
});
