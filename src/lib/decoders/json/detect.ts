import type { DecoderEntry } from '../decoder';

/**
 * Whether a text has the shape of a JSON object or array: its first and last non-blank characters. Detection
 * runs on the page for every new connection's first frames, so it looks, it does not parse.
 */
export function looksLikeJsonContainer(text: string): boolean {
  const first = text.match(/^\s*([[{])/)?.[1];
  if (first === undefined) return false;
  let end = text.length - 1;
  while (end > 0 && /\s/.test(text[end] as string)) end--;
  return text[end] === (first === '{' ? '}' : ']');
}

/** Plain JSON: any text frame holding an object or an array. Listed last, since JSON-based protocols match too. */
export const entry: DecoderEntry = {
  id: 'json',
  label: 'JSON',
  sniff: (frame) => frame.text !== undefined && looksLikeJsonContainer(frame.text),
  load: () => import('./index').then((module) => module.decoder),
};
