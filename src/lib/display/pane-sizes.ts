/**
 * The sizes of the panes the person can drag (sidebar width, Frame details width, composer height), kept across
 * reloads. Pixels, clamped so no pane can be dragged out of sight or over the others.
 */
import { readStoredJson, writeStoredJson } from './stored-json';

export type Pane = 'sidebar' | 'details' | 'composer';

export type PaneSizes = Record<Pane, number | null>;

/** null: the layout's own size, until the person drags that splitter. */
export const DEFAULT_PANE_SIZES: PaneSizes = { sidebar: null, details: null, composer: null };

export const PANE_LIMITS: Record<Pane, { min: number; max: number }> = {
  sidebar: { min: 160, max: 640 },
  details: { min: 240, max: 1200 },
  composer: { min: 80, max: 600 },
};

const STORAGE_KEY = 'wsi.panes';

export function clampPane(pane: Pane, size: number): number {
  const { min, max } = PANE_LIMITS[pane];
  return Math.round(Math.min(max, Math.max(min, size)));
}

/** The stored sizes; anything missing, out of range or unreadable falls back to the layout's own. */
export function storedPaneSizes(storage: Pick<Storage, 'getItem'>): PaneSizes {
  const parsed = readStoredJson(storage, STORAGE_KEY);
  const sizes = { ...DEFAULT_PANE_SIZES };
  if (typeof parsed !== 'object' || parsed === null) return sizes;
  for (const pane of Object.keys(PANE_LIMITS) as Pane[]) {
    const value = (parsed as Record<string, unknown>)[pane];
    if (typeof value === 'number' && Number.isFinite(value)) sizes[pane] = clampPane(pane, value);
  }
  return sizes;
}

/** Not remembered when storage refuses; the sizes still apply for this visit. */
export function storePaneSizes(storage: Pick<Storage, 'setItem'>, sizes: PaneSizes): void {
  writeStoredJson(storage, STORAGE_KEY, sizes);
}
