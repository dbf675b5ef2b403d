/** What stands where a secret was. */
export const REDACTED = 'REDACTED';

/** One thing redacted, in words: where it was and what it was, never its value. */
export interface Redaction {
  where: 'url' | 'subprotocol' | 'variable' | 'text';
  what: string;
}

/**
 * What a redaction found, each thing once, in the order found. One array that only grows, so a writer that
 * holds `list` (the HAR writer does, to write it last) sees what texts turned up after it started.
 */
export class Findings {
  readonly #list: Redaction[] = [];
  readonly #seen = new Set<string>();

  add(where: Redaction['where'], what: string): void {
    const key = `${where}\n${what}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#list.push({ where, what });
  }

  get list(): readonly Redaction[] {
    return this.#list;
  }
}
