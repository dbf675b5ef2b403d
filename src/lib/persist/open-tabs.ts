import type { BinaryType } from '../model/frame';
import { isObject } from '../guards';

/** One tab as it survives a reload: its connection bar as typed, never its connection. */
export interface TabSpec {
  url: string;
  protocols: string;
  binaryType: BinaryType;
  /** A stored session the tab showed read-only, reopened with it. */
  sessionId?: string;
}

export interface OpenTabs {
  tabs: TabSpec[];
  /** The tab in front, by its place among the tabs. */
  front: number;
}

/** The key in localStorage (see tabs.svelte.ts for why not IndexedDB). */
export const OPEN_TABS_KEY = 'wsi.open-tabs';
/** More than anyone keeps open; a corrupted or hostile value cannot make the page open thousands of tabs. */
const MAX_TABS = 50;

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

function tabSpec(value: unknown): TabSpec | null {
  if (!isObject(value) || typeof value.url !== 'string' || typeof value.protocols !== 'string') return null;
  const binaryType = value.binaryType === 'blob' ? 'blob' : 'arraybuffer';
  const spec: TabSpec = { url: value.url, protocols: value.protocols, binaryType };
  if (typeof value.sessionId === 'string') spec.sessionId = value.sessionId;
  return spec;
}

/** The tabs of the last visit; none when nothing (or nothing readable) was kept, so the app starts as new. */
export function readOpenTabs(storage: KeyValue): OpenTabs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(OPEN_TABS_KEY) ?? 'null');
  } catch {
    return { tabs: [], front: 0 };
  }
  if (!isObject(parsed) || !Array.isArray(parsed.tabs)) return { tabs: [], front: 0 };
  const tabs = parsed.tabs
    .slice(0, MAX_TABS)
    .map(tabSpec)
    .filter((tab) => tab !== null);
  const front =
    typeof parsed.front === 'number' && parsed.front >= 0 && parsed.front < tabs.length ? parsed.front : 0;
  return { tabs, front: Math.floor(front) };
}

/** Keeps the tabs for the next visit; a full or refused storage only loses that (the tabs stay open). */
export function writeOpenTabs(storage: KeyValue, open: OpenTabs): boolean {
  try {
    storage.setItem(OPEN_TABS_KEY, JSON.stringify(open));
    return true;
  } catch {
    return false;
  }
}
