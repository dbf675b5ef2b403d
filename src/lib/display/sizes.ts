import { readStoredJson, writeStoredJson } from './stored-json';

/**
 * Sizes the person drags (panes, grid columns), in pixels, kept across reloads. null is the layout's own size,
 * until the person drags that one.
 */
export type Sizes<K extends string> = Record<K, number | null>;

export interface SizeLimits {
  readonly min: number;
  readonly max: number;
}

/** One set of sizes: how it is clamped to its limits, read back and written down. */
export interface SizeStore<K extends string> {
  readonly clamp: (name: K, size: number) => number;
  /** The stored sizes; anything missing, not a number or unreadable is the layout's own, the rest clamped. */
  readonly read: (storage: Pick<Storage, 'getItem'>) => Sizes<K>;
  readonly write: (storage: Pick<Storage, 'setItem'>, sizes: Sizes<K>) => void;
}

export function clampSize({ min, max }: SizeLimits, size: number): number {
  return Math.round(Math.min(max, Math.max(min, size)));
}

export function sizeStore<K extends string>(
  key: string,
  limits: Readonly<Record<K, SizeLimits>>,
): SizeStore<K> {
  const names = Object.keys(limits) as K[];
  const clamp = (name: K, size: number) => clampSize(limits[name], size);
  return {
    clamp,
    read: (storage) => {
      const stored = readStoredJson(storage, key);
      const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
      const sizes = Object.fromEntries(names.map((name) => [name, null])) as Sizes<K>;
      for (const name of names) {
        const value = record[name];
        if (typeof value === 'number' && Number.isFinite(value)) sizes[name] = clamp(name, value);
      }
      return sizes;
    },
    write: (storage, sizes) => writeStoredJson(storage, key, sizes),
  };
}
