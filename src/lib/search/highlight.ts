/** A piece of a text: plain, or a match of what was searched for. Rendered as text nodes, never as markup. */
export interface Segment {
  text: string;
  /** The match's number (0-based) when this piece is a match. */
  match?: number;
}

/** More matches than this are counted but not marked, so a huge frame cannot produce a million elements. */
export const MAX_MARKED = 1000;

/**
 * Where `needle` occurs in `text`, without overlaps. Literal search only: it runs on the page's thread, where a
 * person's regex could hang it (regexes run in the filter's worker).
 */
export function findAll(text: string, needle: string, caseSensitive: boolean, limit = Infinity): number[] {
  if (needle === '') return [];
  const haystack = caseSensitive ? text : text.toLowerCase();
  const wanted = caseSensitive ? needle : needle.toLowerCase();
  const found: number[] = [];
  // toLowerCase keeps the length for every character that matters here; a mismatch only shifts a highlight.
  for (
    let at = haystack.indexOf(wanted);
    at >= 0 && found.length < limit;
    at = haystack.indexOf(wanted, at + wanted.length)
  ) {
    found.push(at);
  }
  return found;
}

/** The text cut into plain pieces and numbered matches, the first MAX_MARKED of them. */
export function segments(text: string, needle: string, starts: readonly number[]): Segment[] {
  const pieces: Segment[] = [];
  let from = 0;
  starts.slice(0, MAX_MARKED).forEach((start, match) => {
    if (start > from) pieces.push({ text: text.slice(from, start) });
    pieces.push({ text: text.slice(start, start + needle.length), match });
    from = start + needle.length;
  });
  if (from < text.length) pieces.push({ text: text.slice(from) });
  return pieces;
}
