// @ts-check
/**
 * A filter on a decoded field of a million frames of each protocol the decoders read (`event = chat` on Socket.IO,
 * `destination = /topic/chat` on STOMP), against the same kind of filter on a million plain JSON frames
 * (`type = trade`), measured again just after each protocol's, in the same minutes: issue 12 wants each within
 * twice the plain one. Where a protocol's texts are JSON, the same texts are also filtered as plain JSON
 * (`Decode as` None, the condition on the same value), which tells decoding's own cost from the cost of longer,
 * nested texts. Every session is seeded (tests/shared/seed-data.js) with half its messages of each kind, and each
 * filter finds 500,000.
 */
import { SEEDED_KINDS, SEEDED_PROTOCOLS } from '../tests/shared/seed-data.js';
import { medianWarm, openSeeded, timeFilter } from './filter-timing.js';

export const DECODED_CASE = 'decoded-field filter of 1,000,000 frames, per protocol';

const COUNT = 1_000_000;
const MATCHES = COUNT / 2;

/**
 * For each seeded protocol: its decoded-field filter's first time (chunks read from IndexedDB) and warm time (the
 * median of three), the plain JSON session's warm time measured next, and the ratio of the two; and where the
 * texts are JSON, their warm time read as plain JSON and the ratio to it. The protocol is chosen in `Decode as`,
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
    const { context, page } = await openSeeded(browser, appUrl, COUNT, id);
    const decodeAs = page.getByRole('combobox', { name: 'Decode as' });
    await decodeAs.selectOption(seeded.label);
    await page.getByRole('button', { name: 'More filters' }).click();
    const field = page.getByLabel('JSON field');
    const [chat = '', typing = ''] = SEEDED_KINDS.map((kind) => seeded.condition(kind));
    await field.fill(chat);
    const coldMs = await timeFilter(page, field, MATCHES);
    const warmMs = await medianWarm(page, field, [typing, chat], MATCHES);
    /** @type {Record<string, number>} */
    const row = { coldMs, warmMs };
    const asJson = seeded.asJson;
    if (asJson !== undefined) {
      await decodeAs.selectOption('None');
      const sameTextsMs = await medianWarm(page, field, SEEDED_KINDS.map(asJson), MATCHES);
      row.sameTextsAsJsonMs = sameTextsMs;
      row.ratioToSameTexts = Number((warmMs / sameTextsMs).toFixed(2));
    }
    await context.close();
    const plainWarmMs = await plainWarm();
    protocols[id] = { ...row, plainWarmMs, ratio: Number((warmMs / plainWarmMs).toFixed(2)) };
  }
  await plain.context.close();
  return { protocols };
}
