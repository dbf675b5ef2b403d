import type { FrameRecord } from '../ws/frame';
import type { ChunkColumns } from './chunk';
import type { TrafficTotals } from './totals';

/** What the grid reads a session through, live or stored. */
export interface FrameSource {
  /** Number of records, messages and events. */
  readonly length: number;
  readonly totals: Readonly<TrafficTotals>;
  /** The record, or undefined while its chunk is being read from storage. */
  at(seq: number): FrameRecord | undefined;
  /** Why a record cannot be shown, when its chunk could not be read. */
  failure(seq: number): string | undefined;
  /** The first record at or after an epoch-milliseconds time; undefined for an empty session. */
  seqAtTime(time: number): Promise<number | undefined>;
  /** Every chunk in order, read one at a time: what an export streams from. */
  chunks(): AsyncIterable<ChunkColumns>;
}
