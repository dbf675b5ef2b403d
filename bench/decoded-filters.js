// @ts-check
/**
 * A filter on a decoded field of a million frames of each protocol the decoders read (`event = chat` on Socket.IO,
 * `destination = /topic/chat` on STOMP), against the same kind of filter on a million plain JSON frames
 * (`type = trade`) in the same run: issue 12 wants each within twice the plain one. Every session is seeded
 * (tests/shared/seed-data.js) with half its messages of each kind, and each filter finds 500,000.
 */
import { SEEDED_KINDS, SEEDED_PROTOCOLS } from '../tests/shared/seed-data.js';
import { medianWarm, openSeeded, timeFilter } from './filter-timing.js';

export const DECODED_CASE = 'decoded-field filter of 1,000,000 frames, per protocol';

const COUNT = 1_000_000;
const MATCHES = COUNT / 2;

/**
 * The plain JSON field filter's warm time, then for each seeded protocol its decoded-field filter's first time
 * (chunks read from IndexedDB) and warm time (the median of three), and the warm time as a ratio of the plain one.
 * The protocol is chosen in `Decode as`, as a person would for a session detection cannot tell (WAMP's events
 * carry nothing to know them by without the subprotocol).
 * @param {import('playwright-core').Browser} browser
 * @param {string} appUrl
 */
export async function runDecodedFilters(browser, appUrl) {
  const plain = await openSeeded(browser, appUrl, COUNT);
  await plain.page.getByRole('button', { name: 'More filters' }).click();
  const plainWarmMs = await medianWarm(
    plain.page,
    plain.page.getByLabel('JSON field'),
    ['type = trade', 'type = quote'],
    MATCHES,
  );
  await plain.context.close();
  /** @type {Record<string, { coldMs: number, warmMs: number, ratio: number }>} */
  const protocols = {};
  for (const [id, seeded] of Object.entries(SEEDED_PROTOCOLS)) {
    const { context, page } = await openSeeded(browser, appUrl, COUNT, id);
    await page.getByRole('combobox', { name: 'Decode as' }).selectOption(seeded.label);
    await page.getByRole('button', { name: 'More filters' }).click();
    const field = page.getByLabel('JSON field');
    const [chat = '', typing = ''] = SEEDED_KINDS.map((kind) => seeded.condition(kind));
    await field.fill(chat);
    const coldMs = await timeFilter(page, field, MATCHES);
    const warmMs = await medianWarm(page, field, [typing, chat], MATCHES);
    protocols[id] = { coldMs, warmMs, ratio: Number((warmMs / plainWarmMs).toFixed(2)) };
    await context.close();
  }
  return { plainWarmMs, protocols };
}
