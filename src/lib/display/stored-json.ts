/**
 * A small JSON value kept in localStorage (pane sizes, column widths). Storage can be refused (privacy settings,
 * a full quota) or hold something unreadable: neither may break the page, so both calls swallow the failure.
 */

/** The stored value, or null when there is none, it is not JSON, or storage refused to answer. */
export function readStoredJson(storage: Pick<Storage, 'getItem'>, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null') as unknown;
  } catch {
    return null;
  }
}

/** Writes `value` down; when storage refuses, the value lasts only for this visit. */
export function writeStoredJson(storage: Pick<Storage, 'setItem'>, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: the caller's state still holds the value.
  }
}
