/** How much of a decoded value a grid row shows after its type and key. */
const PREVIEW_LENGTH = 120;

/** A text cut to a preview's length, with an ellipsis when cut. */
export function clipPreview(text: string): string {
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}

/** Compact JSON for one line of the grid, cut with an ellipsis. */
export function jsonPreview(value: unknown): string {
  return clipPreview(JSON.stringify(value) ?? String(value));
}
