import type { DecodedMessage } from '../decoder';

/** The grid shows one line; a long value is cut here. */
const PREVIEW_LIMIT = 200;

/** As the JSON decoder (../json/index.ts) reads a message's type and key, so a value reads alike in either form. */
const TYPE_FIELDS = ['type', 'event', 'method', 'op', 'action'];
const KEY_FIELDS = ['event', 'channel', 'topic', 'stream', 'room', 'subject', 'method'];

/**
 * One decoded value as a message. Like a JSON message, a map's first string field among `type`, `event`… names it
 * and one of `event`, `channel`, `topic`… is its key; otherwise its kind names it (`map`, `array`, `string`,
 * `bytes`…). `fields` is the map itself, so `price > 100` reads `price`; other values are under `value`.
 */
export function valueMessage(tree: unknown): DecodedMessage {
  const map = isPlainMap(tree) ? tree : undefined;
  const typeField = map && TYPE_FIELDS.find((name) => typeof map[name] === 'string');
  const type = typeField === undefined ? kindOf(tree) : (map?.[typeField] as string);
  const keyField = map && KEY_FIELDS.find((name) => name !== typeField && typeof map[name] === 'string');
  const key = keyField === undefined ? undefined : (map?.[keyField] as string);
  const head = key === undefined ? type : `${type} ${key}`;
  return {
    type,
    ...(key !== undefined && { key }),
    summary: `${head} ${preview(tree)}`,
    tree,
    fields: map ?? { type, value: tree },
  };
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
