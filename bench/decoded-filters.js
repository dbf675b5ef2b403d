// @ts-check
/**
 * A filter on a decoded field of a million frames of each protocol the decoders read (`event = chat` on Socket.IO,
 * `destination = /topic/chat` on STOMP), against two plain JSON filters: the same messages written as plain JSON
 * (the same texts read with `Decode as` None, where the protocol's texts are JSON), which tells decoding's own cost;
 * and the plain JSON session's `type = trade` (short flat objects), measured again just after each protocol's, in
 * the same minutes. Issue 12 wants the decoded filter within twice the plain one. Every session is seeded
 * (tests/shared/seed-data.js) with half its messages of each kind, and each filter finds 500,000.
 */
import { SEEDED_KINDS, SEEDED_PROTOCOLS } from '../tests/shared/seed-data.js';
import { medianWarm, openSeeded, timeFilter } from './filter-timing.js';

export const DECODED_CASE = 'decoded-field filter of 1,000,000 frames, per protocol';

/** BENCH_PROTOCOLS=stomp,wamp measures just those (keys of SEEDED_PROTOCOLS). */
const ONLY_PROTOCOLS = process.env.BENCH_PROTOCOLS?.split(',');

const COUNT = 1_000_000;
const MATCHES = COUNT / 2;

/**
 * For each seeded protocol: its decoded-field filter's first time (chunks read from IndexedDB) and warm time (the
 * median of three); the same messages' warm time as plain JSON, and the plain JSON session's measured next, each
 * with the decoded filter's ratio to it. The protocol is chosen in `Decode as`,
 * as a person would for a session detection cannot tell (WAMP's events carry nothing to know them by without the
 * subprotocol).
 * @param {import('playwright-core').Browser} browser
 * @param {string} appUrl
 */
export async function runDecodedFilters(browser, appUrl) {
  const plain = await openSeeded(browser, appUrl, COUNT);
  await plain.page.getByRole('button', { name: 'More filters' }).click();
  const plainField = plain.page.getByLabel('JSON field');
  const plainWarm = async () => {
    await plain.page.bringToFront();
    return medianWarm(plain.page, plainField, ['type = trade', 'type = quote'], MATCHES);
  };
  await plainWarm(); // the first filter reads the chunks from IndexedDB; every later one is warm
  /** @type {Record<string, Record<string, number>>} */
  const protocols = {};
  for (const [id, seeded] of Object.entries(SEEDED_PROTOCOLS)) {
    if (ONLY_PROTOCOLS !== undefined && !ONLY_PROTOCOLS.includes(id)) continue;
    const { context, page } = await openSeeded(browser, appUrl, COUNT, id);
    const decodeAs = page.getByRole('combobox', { name: 'Decode as' });
    await decodeAs.selectOption(seeded.label);
    await page.getByRole('button', { name: 'More filters' }).click();
    const field = page.getByLabel('JSON field');
    const [chat = '', typing = ''] = SEEDED_KINDS.map((kind) => seeded.condition(kind));
    await field.fill(chat);
    const coldMs = await timeFilter(page, field, MATCHES);
    const warmMs = await medianWarm(page, field, [typing, chat], MATCHES);
    const asJsonConditions = SEEDED_KINDS.map(seeded.asJson);
    let sameAsJsonMs;
    if (seeded.jsonText === undefined) {
      // The texts are JSON: read them as plain JSON.
      await decodeAs.selectOption('None');
      sameAsJsonMs = await medianWarm(page, field, asJsonConditions, MATCHES);
      await context.close();
    } else {
      await context.close();
      const twin = await openSeeded(browser, appUrl, COUNT, id, true);
      await twin.page.getByRole('button', { name: 'More filters' }).click();
      const twinField = twin.page.getByLabel('JSON field');
      await twinField.fill(asJsonConditions[0] ?? '');
      await timeFilter(twin.page, twinField, MATCHES);
      sameAsJsonMs = await medianWarm(twin.page, twinField, asJsonConditions, MATCHES);
      await twin.context.close();
    }
    const plainWarmMs = await plainWarm();
    protocols[id] = {
      coldMs,
      warmMs,
      sameAsJsonMs,
      ratioToSameAsJson: Number((warmMs / sameAsJsonMs).toFixed(2)),
      plainWarmMs,
      ratio: Number((warmMs / plainWarmMs).toFixed(2)),
    };
  }
  await plain.context.close();
  return { protocols };
}
