// @ts-check
/**
 * The seeded data set, described once: seed.ts writes it into the app's storage, and the end-to-end tests count
 * what a filter must find in it from the same description.
 */

/** When the seeded session starts; record `seq` is stamped `seq` milliseconds later. */
export const SEED_STARTED_AT = Date.UTC(2026, 0, 1);

/**
 * Record `seq` of the seeded session: text messages alternating sent and received, trades and quotes.
 * @param {number} seq
 * @returns {{ kind: 'text', dir: 'in' | 'out', t: number, text: string, size: number }}
 */
export function seededRecord(seq) {
  const text = `{"seq":${seq},"type":"${seq % 2 ? 'quote' : 'trade'}","price":${100 + (seq % 50)}}`;
  return { kind: 'text', dir: seq % 2 ? 'in' : 'out', t: SEED_STARTED_AT + seq, text, size: text.length };
}
