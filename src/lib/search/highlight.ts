/** A piece of a text: plain, or a match of what was searched for. Rendered as text nodes, never as markup. */
export interface Segment {
  text: string;
  /** The match's number (0-based) when this piece is a match. */
  match?: number;
}

/** More matches than this are counted but not marked, so a huge frame cannot produce a million elements. */
export const MAX_MARKED = 1000;

/**
 * A case-insensitive search lower-cases the text a window at a time, so one that stops at its limit early never
 * copies the rest of a 50 MB frame (lower-casing all of it took longer than finding the first thousand matches).
 */
const WINDOW = 1 << 20;

/**
 * Where `needle` occurs in `text`, without overlaps, the first `limit` of them. Literal search only: it runs on the
 * page's thread, where a person's regex could hang it (regexes run in the filter's worker). Pass a limit from
 * the page: a one-character query on a 50 MB frame has tens of millions of matches.
 */
export function findAll(text: string, needle: string, caseSensitive: boolean, limit = Infinity): number[] {
  const found: number[] = [];
  if (needle === '' || limit <= 0) return found;
  if (caseSensitive) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      if (found.push(at) >= limit) break;
    }
    return found;
  }
  const wanted = needle.toLowerCase();
  // toLowerCase keeps the length for every character that matters here; a mismatch only shifts a highlight.
  // Each window reaches past its end by the needle's length, so a match across the boundary is found once: in
  // the window where it starts. `next` keeps matches from overlapping across windows.
  let next = 0;
  for (let start = 0; start < text.length; start += WINDOW) {
    const piece = text.slice(start, start + WINDOW + wanted.length - 1).toLowerCase();
    for (
      let at = piece.indexOf(wanted, Math.max(0, next - start));
      at >= 0 && at < WINDOW;
      at = piece.indexOf(wanted, at + wanted.length)
    ) {
      next = start + at + wanted.length;
      if (found.push(start + at) >= limit) return found;
    }
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
