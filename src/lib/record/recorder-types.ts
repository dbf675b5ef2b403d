import { preciseNow } from '../model/frame';

export interface RecorderOptions {
  /** The longest a record waits before it is written: a crash loses at most this much. */
  flushIntervalMs: number;
  /** A chunk is closed, and a new one started, at this many records or bytes. */
  maxChunkRecords: number;
  maxChunkBytes: number;
  /** Memory for chunks already saved, kept so the live tail never waits for a read. */
  cacheBytes: number;
  now: () => number;
  setTimer: (callback: () => void, ms: number) => unknown;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  // Half the 200 ms the design allows: under load the write's completion waits its turn on a busy main thread.
  flushIntervalMs: 100,
  // Records are counted high enough that chunks of short texts still close at the byte limit, about 128 KB stored
  // (the estimate counts two bytes a character): Chromium reads and writes values of 100 KB and more several times
  // faster than values of 64 KB (a million 45-byte texts read back in 0.4-0.5 s as 2,048-record chunks, 4-5 s as
  // 1,024-record ones). Not more: the open chunk is written again at every flush until it closes.
  maxChunkRecords: 4096,
  maxChunkBytes: 256 << 10,
  cacheBytes: 64 << 20,
  now: preciseNow,
  setTimer: (callback, ms) => setTimeout(callback, ms),
};

/** Whether a chunk holds all it may: the next record starts a new one. */
export function chunkIsFull(
  chunk: { readonly count: number; readonly bytes: number },
  options: Pick<RecorderOptions, 'maxChunkRecords' | 'maxChunkBytes'>,
): boolean {
  return chunk.count >= options.maxChunkRecords || chunk.bytes >= options.maxChunkBytes;
}

export type PersistState =
  | { kind: 'saving' }
  | { kind: 'failed'; quota: boolean; message: string; unsavedRecords: number }
  | { kind: 'finished' };

export interface RecorderEvents {
  /** Records were added, saved, or a chunk was paged in: a view should redraw (throttled on its side). */
  changed: void;
  persist: PersistState;
}
