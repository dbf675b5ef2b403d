import type { SessionHead } from '../model/session';
import type { StoredChunk } from './chunk';

/**
 * What recording and reading need from storage. `record` declares it and `persist/frames-db.ts` implements it, so
 * the recorder never depends on IndexedDB and tests pass their own.
 */
export interface FrameWriter {
  /**
   * Stores the chunks and the head in one transaction. A chunk replaces any stored chunk that starts among its
   * records: a chunk written whole replaces the pieces it was written in while open.
   */
  write(sessionId: string, chunks: StoredChunk[], head: SessionHead): Promise<void>;
  reopen(): Promise<void>;
}

export interface FrameReader {
  head(sessionId: string): Promise<SessionHead | undefined>;
  /** The chunk directory: the first seq of every stored chunk, ascending. */
  chunkStarts(sessionId: string): Promise<number[]>;
  /**
   * The records from `firstSeq` up to `endSeq` (the next chunk start the reader knows) as one chunk: the chunk
   * stored at `firstSeq` or, when the pieces of an open chunk a reader listed were since written whole, that part
   * of the whole chunk.
   */
  chunk(sessionId: string, firstSeq: number, endSeq?: number): Promise<StoredChunk | undefined>;
}

/** A QuotaExceededError, or an AbortError whose transaction failed for want of quota. */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException)) return false;
  if (error.name === 'QuotaExceededError') return true;
  return error.name === 'AbortError' && /quota/i.test(error.message);
}
