import type { ChunkColumns } from '../record/chunk';
import type { FrameSource } from '../record/frame-source';
import type { FilterSpec } from './filter';
import type { DecoderJob } from './frame-decoding';
import type { LatencySummary, TrafficSeries } from './timeline';

/** Which session's chunks a worker job reads: saved ones from storage, the others from the page. */
interface SessionChunks {
  id: number;
  sessionId: string;
  /** Every chunk's first seq; the worker reads from storage those not given in `unsaved`. */
  starts: readonly number[];
  /** Chunks with records not yet in storage, copied (their buffers transferred). */
  unsaved: ChunkColumns[];
  /** The decoder the session's frames are read with; null when it has none. */
  decoder: DecoderJob | null;
}

/** Page to worker: scan records [fromSeq, toSeq) of a session through a filter. */
export interface FilterRequest extends SessionChunks {
  type: 'filter';
  spec: FilterSpec;
  fromSeq: number;
  toSeq: number;
  /**
   * Records from here to fromSeq are decoded but not matched: the second half of a split filter (split-filter.ts)
   * starts its decoder a chunk early, so a stateful one enters the half as it would have.
   */
  warmFromSeq?: number;
}

/**
 * Page to worker: traffic over time, and request/response latency, by a field to pair by when given, else by the
 * decoder's own pairing.
 */
export interface TimelineRequest extends SessionChunks {
  type: 'timeline';
  startMs: number;
  endMs: number;
  latencyField: string;
}

export type WorkerRequest = FilterRequest | TimelineRequest;

/** Worker to page, in order: progress with the matches found since the last reply, then done (or an error). */
export type WorkerReply =
  | { id: number; type: 'progress'; matches: Uint32Array; scannedTo: number }
  | { id: number; type: 'done'; scannedTo: number; warnings: string[] }
  | { id: number; type: 'timeline'; series: TrafficSeries; latency: LatencySummary | null }
  | { id: number; type: 'error'; message: string };

/** A session's part of a job: saved chunks by their starts, unsaved ones copied, and the buffers to transfer. */
export function chunksOf(
  source: FrameSource,
  decoder: DecoderJob | null,
): {
  chunks: Omit<SessionChunks, 'id'>;
  transfer: Transferable[];
} {
  const unsaved = source.unsavedChunks();
  return {
    chunks: { sessionId: source.sessionId, starts: [...source.chunkStarts()], unsaved, decoder },
    transfer: unsaved.flatMap((chunk) => [chunk.t.buffer, chunk.size.buffer, chunk.flags.buffer]),
  };
}
