import type { SecretVariable, SessionMeta } from '../model/session';
import type { ChunkColumns } from '../record/chunk';
import type { ChunkTail } from '../formats/export-records';
import type { ExportFormat } from '../formats/export-session';

/** The part of a Worker an export uses: a test can stand in for it. */
export type ExportWorker = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

/** Page to export worker: its share of an export, every n-th chunk of the session, in file order. */
export interface ExportJob {
  type: 'start';
  format: ExportFormat;
  meta: SessionMeta;
  /** Secret variables to search for besides those the session recorded; null when the export includes secrets. */
  secrets: SecretVariable[] | null;
  sessionId: string;
  /** This worker's chunks: each one's first seq, and the next chunk's (Infinity after the last). */
  chunks: { start: number; endSeq: number }[];
  /** This worker's chunks that storage does not hold whole (a live session's newest), copied. */
  unsaved: ChunkColumns[];
  /** Records from here on are left out: a live session grows while it is exported. */
  count: number;
}

/** Page to export worker: the start of a job, or "the page took a chunk: you may send one more". */
export type ExportPageSays = ExportJob | { type: 'more' };

/** Export worker to page: its next chunk, formatted and encoded (the buffer transferred), or why it stopped. */
export type ExportWorkerSays =
  { type: 'chunk'; bytes: Uint8Array; records: number; tail: ChunkTail } | { type: 'error'; message: string };
