/**
 * The frames grid's column widths the person can drag (#, Time, Direction, Type, Size), kept across reloads. Data
 * takes the room the others leave (FrameGrid's column template).
 */
import { clampSize, type SizeLimits, type Sizes, sizeStore } from './sizes';

export type FrameColumn = 'seq' | 'time' | 'direction' | 'kind' | 'size';

export type ColumnWidths = Sizes<FrameColumn>;

export const COLUMN_LIMITS: Record<FrameColumn, SizeLimits> = {
  seq: { min: 32, max: 160 },
  time: { min: 56, max: 260 },
  direction: { min: 28, max: 160 },
  kind: { min: 28, max: 160 },
  size: { min: 40, max: 160 },
};

/** Clamped, read back and written down under `wsi.frame-columns` (see sizes.ts). */
export const COLUMN_WIDTHS = sizeStore('wsi.frame-columns', COLUMN_LIMITS);

/** Widening a column never leaves the payload less than this. */
export const DATA_MIN_WIDTH = 80;

/**
 * The width a drag or a key asks for, within the column's limits and without squeezing Data below DATA_MIN_WIDTH.
 * `current` and `data` are the column's and Data's widths before the move. A column may always shrink.
 */
export function fitColumn(column: FrameColumn, wanted: number, current: number, data: number): number {
  const { min, max } = COLUMN_LIMITS[column];
  const room = Math.max(current, current + data - DATA_MIN_WIDTH);
  return clampSize({ min, max: Math.max(min, Math.min(max, room)) }, wanted);
}
