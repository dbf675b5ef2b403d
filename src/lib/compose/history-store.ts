import type { SentMessage } from './history';
import { MessageHistory } from './history';
import type { ComposerFormat } from './message';
import { MESSAGE_FORMATS, PROTOCOL_FORMATS } from './message';

export type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

const KEY = 'wsi-composer-history';
/** Kept across reloads: the newest messages, each small enough that localStorage stays small. */
const KEPT = 50;
const LARGEST_KEPT = 16 * 1024;

/**
 * The composer's history as the last visit left it, newest first; nothing when the stored value is missing or
 * damaged. Bodies are kept as typed, so `{{variables}}` stay variables and no secret of a profile is filled in.
 */
export function readHistory(storage: KeyValue): SentMessage<ComposerFormat>[] {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(KEY) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (entry): entry is SentMessage<ComposerFormat> =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as SentMessage).body === 'string' &&
        isComposerFormat((entry as SentMessage).format),
    )
    .slice(0, KEPT);
}

function isComposerFormat(value: unknown): value is ComposerFormat {
  return (
    (MESSAGE_FORMATS as readonly unknown[]).includes(value) || PROTOCOL_FORMATS.some(({ id }) => id === value)
  );
}

/** Keeps the newest entries for the next visit; a full or refused storage costs only that. */
export function writeHistory(storage: KeyValue, entries: readonly SentMessage[]): void {
  const kept = entries.filter((entry) => entry.body.length <= LARGEST_KEPT).slice(0, KEPT);
  try {
    storage.setItem(KEY, JSON.stringify(kept.map(({ body, format }) => ({ body, format }))));
  } catch {
    // Quota or privacy settings: the history still works for this visit.
  }
}

/** The composer's history, kept in `storage` across visits, or for this visit only without one. */
export function storedHistory(storage: KeyValue | null): MessageHistory<ComposerFormat> {
  if (storage === null) return new MessageHistory();
  return new MessageHistory(readHistory(storage), (entries) => writeHistory(storage, entries));
}
