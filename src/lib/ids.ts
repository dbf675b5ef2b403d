/** Ids for sessions and profiles. */

/** Sortable by time, unique enough across tabs, and available outside secure contexts (unlike randomUUID). */
export function newId(now = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${now.toString(36)}-${Array.from(random, (n) => n.toString(36)).join('')}`;
}
