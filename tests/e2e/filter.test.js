// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_STARTED_AT as STARTED_AT, seededRecord } from '../shared/seed-data.js';
import { openConnected, openSeeded, row, useEnvironment, waitForMessageCount } from './harness.js';

const env = useEnvironment();
const COUNT = 20_000;

/** The seeded session's records: the known data set, from the description the seed writes. */
const seeded = Array.from({ length: COUNT }, (_, seq) => ({ seq, ...seededRecord(seq) }));
const expected = (/** @type {(r: (typeof seeded)[number]) => boolean} */ keep) => seeded.filter(keep).length;

/** @param {import('playwright-core').Page} page */
const result = (page) => page.getByLabel('Filter result');

/**
 * @param {import('playwright-core').Page} page
 * @param {number} count
 */
async function waitForResult(page, count, total = COUNT) {
  await result(page)
    .filter({ hasText: `${count.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} match` })
    .waitFor();
  await page.getByText('Filtering…').waitFor({ state: 'detached' });
}

test('filters return the right counts on a known data set, and the grid shows only the matches', async () => {
  const page = await openSeeded(env, COUNT);
  const filter = page.getByLabel('Filter', { exact: true });

  await filter.fill('trade');
  await waitForResult(
    page,
    expected((r) => r.text.includes('trade')),
  );
  // The grid now lists only matches, by their own numbers: the first rows are 0, 2, 4.
  await page.getByRole('grid', { name: 'Frames' }).press('Home');
  await row(page, 2).waitFor();
  assert.equal(await row(page, 1).count(), 0);
  assert.match(
    (await page.getByRole('status', { name: 'Frame count' }).textContent()) ?? '',
    /10,000 of 20,000 records shown/,
  );

  await filter.fill('TRADE');
  await waitForResult(
    page,
    expected((r) => r.text.includes('trade')),
  );
  await page.getByLabel('Match case').check();
  await waitForResult(page, 0);
  await page.getByLabel('Match case').uncheck();

  await page.getByLabel('Regex').check();
  await filter.fill('"price":14\\d');
  await waitForResult(
    page,
    expected((r) => /"price":14\d/.test(r.text)),
  );

  await filter.fill('');
  await page.getByLabel('Regex').uncheck();
  await page.getByLabel('Direction filter').selectOption('in');
  await waitForResult(
    page,
    expected((r) => r.dir === 'in'),
  );
  await filter.fill('trade');
  await waitForResult(page, 0);
  await filter.fill('');
  await page.getByLabel('Direction filter').selectOption('all');

  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByLabel('JSON field').fill('price > 140');
  await waitForResult(
    page,
    expected((r) => JSON.parse(r.text).price > 140),
  );
  await page.getByLabel('JSON field').fill('type = quote');
  await waitForResult(
    page,
    expected((r) => r.text.includes('quote')),
  );
  await page.getByLabel('JSON field').fill('');

  await page.getByLabel('Smallest size').fill('42');
  await page.getByLabel('Largest size').fill('42');
  await waitForResult(
    page,
    expected((r) => r.size === 42),
  );
  await page.getByLabel('Smallest size').fill('');
  await page.getByLabel('Largest size').fill('');

  await page.getByLabel('From time').fill('2026-01-01T00:00:01.000Z');
  await page.getByLabel('To time').fill('2026-01-01T00:00:02.000Z');
  await waitForResult(
    page,
    expected((r) => r.t >= STARTED_AT + 1000 && r.t <= STARTED_AT + 2000),
  );

  await page.getByRole('button', { name: 'Clear filter' }).click();
  await result(page).waitFor({ state: 'detached' });
  assert.doesNotMatch((await page.getByRole('status', { name: 'Frame count' }).textContent()) ?? '', /shown/);
});

test('an invalid regex falls back to plain text and says so; a catastrophic one can be cancelled', async () => {
  const page = await openConnected(env, '/echo');
  const box = page.getByLabel('Message', { exact: true });
  for (const text of ['a(b', `${'a'.repeat(40)}!`]) {
    await box.fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await waitForMessageCount(page, 4);

  const filter = page.getByLabel('Filter', { exact: true });
  await page.getByLabel('Regex').check();
  await filter.fill('a(b');
  await page
    .getByRole('alert')
    .filter({ hasText: /Not a valid regular expression .*searched for as plain text/ })
    .waitFor();
  await waitForResult(page, 2, 6);

  // Exponential backtracking on "aaaa…!": the worker is stuck, the page is not.
  await filter.fill('^(a+)+$');
  await page.getByText('Filtering…').waitFor();
  const started = Date.now();
  await page.getByLabel('Close reason').fill('still responsive');
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  assert.ok(Date.now() - started < 2000, 'the page answered at once');
  await page.getByRole('button', { name: 'Cancel filter' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /Cancelled after/ })
    .waitFor();

  // A new filter starts a new worker.
  await filter.fill('a\\(b');
  await waitForResult(page, 2, 6);
});

test('a filter keeps up with frames arriving while it is on', async () => {
  const page = await openConnected(env, '/echo');
  const filter = page.getByLabel('Filter', { exact: true });
  await filter.fill('keep');
  await waitForResult(page, 0, 2);
  const box = page.getByLabel('Message', { exact: true });
  for (let i = 0; i < 10; i++) {
    await box.fill(i % 2 ? `keep ${i}` : `drop ${i}`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  // Five sent and five echoed.
  await waitForResult(page, 10, 22);
});

test('matches are marked in the rows and in the frame, as text, with next and previous', async () => {
  const page = await openConnected(env, '/echo');
  const box = page.getByLabel('Message', { exact: true });
  for (const text of ['<b>alpha</b> beta alpha', 'gamma', 'ALPHA again']) {
    await box.fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await waitForMessageCount(page, 6);
  await page.getByLabel('Filter', { exact: true }).fill('alpha');
  await waitForResult(page, 4, 8);
  const marks = page.getByRole('grid', { name: 'Frames' }).locator('mark');
  assert.deepEqual([...new Set(await marks.allTextContents())].sort(), ['ALPHA', 'alpha']);
  assert.equal(await page.getByRole('grid', { name: 'Frames' }).locator('b').count(), 0);

  // Next and previous match walk the matching rows.
  await page.getByRole('button', { name: 'Next match' }).click();
  const details = page.getByRole('region', { name: 'Frame details' });
  await details.getByText(/#2 sent/).waitFor();
  await page.getByRole('button', { name: 'Next match' }).click();
  await details.getByText(/#3 received/).waitFor();
  await page.getByRole('button', { name: 'Previous match' }).click();
  await details.getByText(/#2 sent/).waitFor();

  // Inside the frame: every match marked, the current one followed by Next and Previous.
  await details.getByRole('button', { name: 'Text', exact: true }).click();
  await details.getByLabel('Find in frame').fill('ALPHA');
  const found = details.getByRole('status', { name: 'Find result' });
  await found.filter({ hasText: '1 of 2' }).waitFor();
  assert.equal(await details.locator('pre mark').count(), 2);
  await details.getByRole('button', { name: 'Next', exact: true }).click();
  await found.filter({ hasText: '2 of 2' }).waitFor();
  assert.equal(await details.locator('pre mark.current').textContent(), 'alpha');
  await details.getByLabel('Match case').check();
  await found.filter({ hasText: 'no matches' }).waitFor();
});

test('the timeline draws the traffic, and brushing a time range filters the grid to it', async () => {
  const page = await openSeeded(env, COUNT);
  await page.getByRole('button', { name: 'Timeline' }).click();
  const chart = page.getByRole('img', { name: 'Messages and bytes per second over time' });
  await chart.locator('canvas').waitFor();
  const box = await chart.locator('.u-over').boundingBox();
  assert.ok(box && box.width > 100, 'the plot area is drawn');

  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.getByText('Filtering…').waitFor({ state: 'detached' });
  await result(page).waitFor();
  await page.getByRole('button', { name: 'More filters' }).click();
  const from = Date.parse(await page.getByLabel('From time').inputValue());
  const to = Date.parse(await page.getByLabel('To time').inputValue());
  assert.ok(from > STARTED_AT && to > from && to < STARTED_AT + COUNT, `brushed ${from}–${to}`);
  // The brushed range is in milliseconds with fractions: count the seeded frames inside it.
  await waitForResult(
    page,
    expected((r) => r.t >= from && r.t <= to),
  );
});

test('request/response latency is measured for pairs matched by a JSON field', async () => {
  const page = await openConnected(env, '/echo');
  const box = page.getByLabel('Message', { exact: true });
  for (const id of [1, 2, 3]) {
    await box.fill(`{"id":${id},"op":"ping"}`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await waitForMessageCount(page, 6);
  await page.getByRole('button', { name: 'Timeline' }).click();
  await page.getByLabel('Pair by JSON field').fill('id');
  await page.getByRole('button', { name: 'Measure latency' }).click();
  await page
    .getByLabel('Latency')
    .filter({ hasText: /3 pairs by “id”: p50 [\d.]+ ms/ })
    .waitFor();
});
