import type { Unsubscribe } from '../events';
import type { FrameRecord } from '../model/frame';
import type { ChunkColumns } from './chunk';
import type { TrafficTotals } from '../model/totals';
import { emptyTotals } from '../model/totals';

/** What the grid reads a session through, live or stored. */
export interface FrameSource {
  /** The session's key in the frames database, where a worker can read its saved chunks. */
  readonly sessionId: string;
  /** Number of records, messages and events. */
  readonly length: number;
  readonly totals: Readonly<TrafficTotals>;
  /** The record, or undefined while its chunk is being read from storage. */
  at(seq: number): FrameRecord | undefined;
  /** Why a record cannot be shown, when its chunk could not be read. */
  failure(seq: number): string | undefined;
  /** The first record at or after an epoch-milliseconds time; undefined for an empty session. */
  seqAtTime(time: number): Promise<number | undefined>;
  /** Each chunk's first seq, in order. */
  chunkStarts(): readonly number[];
  /**
   * Copies of the chunks storage does not hold whole under their first seq (a live session's newest: records not
   * yet written, or the open chunk stored in pieces): a worker cannot read them.
   */
  unsavedChunks(): ChunkColumns[];
  /** Every chunk in order, read one at a time: for a walk over the whole session (pairing, a scenario from it). */
  chunks(): AsyncIterable<ChunkColumns>;
  /** Records arrived or a chunk was read: a view should redraw (it throttles itself). */
  on(type: 'changed', listener: () => void): Unsubscribe;
}

/** A source with no records: what a view shows before any session, or after the one it showed was deleted. */
export const EMPTY_SOURCE: FrameSource = {
  sessionId: '',
  chunkStarts: () => [],
  unsavedChunks: () => [],
  length: 0,
  totals: emptyTotals(),
  at: () => undefined,
  failure: () => undefined,
  chunks: async function* () {
    yield* [];
  },
  seqAtTime: () => Promise.resolve(undefined),
  on: () => () => undefined,
};
