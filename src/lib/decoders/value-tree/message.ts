import type { DecodedMessage } from '../decoder';

/** The grid shows one line; a long value is cut here. */
const PREVIEW_LIMIT = 160;

/**
 * One decoded value as a message. Like a JSON message, a map's top-level `type` (or else `event`) string names it;
 * otherwise its kind does (`map`, `array`, `string`, `bytes`…). `fields` is the map itself, so `price > 100` reads
 * `price`; other values are under `value`.
 */
export function valueMessage(tree: unknown): DecodedMessage {
  const map = isPlainMap(tree) ? tree : undefined;
  const named = map && (stringField(map, 'type') ?? stringField(map, 'event'));
  const type = named ?? kindOf(tree);
  const key = named !== undefined && map && named === map.type ? stringField(map, 'event') : undefined;
  const head = key === undefined ? type : `${type} ${key}`;
  return {
    type,
    ...(key !== undefined && { key }),
    summary: `${head} ${preview(tree)}`,
    tree,
    fields: map ?? { type, value: tree },
  };
}

function stringField(map: Record<string, unknown>, name: string): string | undefined {
  const value = map[name];
  return typeof value === 'string' ? value : undefined;
}

/** The kind each `$` marker of ./tree.ts (and the encodings' own markers) stands for. */
const MARKER_KINDS = new Map([
  ['$bytes', 'bytes'],
  ['$map', 'map'],
  ['$ext', 'ext'],
  ['$tag', 'tag'],
  ['$float', 'number'],
  ['$undefined', 'undefined'],
  ['$date', 'date'],
  ['$simple', 'simple'],
]);

function markerKind(tree: object): string | undefined {
  const first = Object.keys(tree)[0];
  return first === undefined ? undefined : MARKER_KINDS.get(first);
}

/** A map in the tree, as opposed to a `$` marker standing for bytes, a tag or a map with other keys. */
function isPlainMap(tree: unknown): tree is Record<string, unknown> {
  return tree !== null && typeof tree === 'object' && !Array.isArray(tree) && markerKind(tree) === undefined;
}

function kindOf(tree: unknown): string {
  if (tree === null) return 'null';
  if (Array.isArray(tree)) return 'array';
  if (typeof tree === 'object') return markerKind(tree) ?? 'map';
  return typeof tree;
}

function preview(tree: unknown): string {
  const text = JSON.stringify(tree);
  return text.length > PREVIEW_LIMIT ? `${text.slice(0, PREVIEW_LIMIT - 1)}…` : text;
}
