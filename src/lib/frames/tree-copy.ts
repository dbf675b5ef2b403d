/**
 * What the Decoded tree's "Copy value" and "Copy path" put on the clipboard: a node's value as text, and its path
 * in the syntax of the More filters "JSON field" box (search/field-condition.ts), so a copied path pastes there.
 */

/** A key the field syntax cannot write: it splits paths at dots and ends them at spaces and operators. */
const UNWRITABLE_KEY = /^$|[.\s=!<>~]/;

/** The node's path as a field condition reads it (`data.items.0.name`); null at the root or when a key cannot be written. */
export function fieldPathText(keys: readonly string[]): string | null {
  if (keys.length === 0 || keys.some((key) => UNWRITABLE_KEY.test(key))) return null;
  return keys.join('.');
}

/** How a node is named to a screen reader: its path, written as best it can be, or "the whole message" at the root. */
export function nodeLabel(keys: readonly string[]): string {
  return keys.length === 0 ? 'the whole message' : (fieldPathText(keys) ?? keys.join(' › '));
}

/**
 * Where a message's fields hold its tree. Most decoders' fields are the tree (or the tree with more keys); a
 * MessagePack or CBOR value that is not a map sits under `value` (decoders/value-tree/message.ts).
 */
export function treeBase(fields: Record<string, unknown>, tree: unknown): string[] {
  return (fields as unknown) !== tree && fields['value'] === tree ? ['value'] : [];
}

/**
 * A value as copied: a string as it is (no quotes), other leaves as the tree shows them, objects and arrays as
 * JSON with two-space indents. Integers beyond double precision (BigInts, see encoding/json.ts) stay exact.
 */
export function copiedValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  // JSON.stringify throws on a BigInt: write it as a marked string, then unquote it into its digits.
  const marker = `\u0000big${Math.random().toString(36).slice(2)}:`;
  const asText = (_key: string, inner: unknown) => (typeof inner === 'bigint' ? `${marker}${inner}` : inner);
  const text = JSON.stringify(value, asText, 2);
  const escaped = JSON.stringify(marker).slice(1, -1);
  return text.replace(new RegExp(`"${escapeRegExp(escaped)}(-?\\d+)"`, 'g'), '$1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
