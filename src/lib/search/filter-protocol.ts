import type { ChunkColumns } from '../record/chunk';
import type { FilterSpec } from './filter';

/** Page to filter worker: scan records [fromSeq, toSeq) of a session. */
export interface FilterRequest {
  id: number;
  sessionId: string;
  spec: FilterSpec;
  /** Every chunk's first seq; the worker reads from storage those not given in `unsaved`. */
  starts: readonly number[];
  /** Chunks with records not yet in storage, copied (their buffers transferred). */
  unsaved: ChunkColumns[];
  fromSeq: number;
  toSeq: number;
}

/** Worker to page, in order: progress with the matches found since the last reply, then done (or an error). */
export type FilterReply =
  | { id: number; type: 'progress'; matches: Uint32Array; scannedTo: number }
  | { id: number; type: 'done'; scannedTo: number; warnings: string[] }
  | { id: number; type: 'error'; message: string };
