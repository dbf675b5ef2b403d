import type { SessionHead } from '../../../src/lib/model/session';
import type { FrameWriter } from '../../../src/lib/record/frame-store';
import { recordAt } from '../../../src/lib/record/chunk';
import type { StoredChunk } from '../../../src/lib/record/chunk';

/** A writer that keeps what it is given, and fails on demand. */
export class MemoryWriter implements FrameWriter {
  readonly chunks = new Map<number, StoredChunk>();
  head: SessionHead | undefined;
  writes = 0;
  /** The chunks of the last write, as given. */
  lastBatch: StoredChunk[] = [];
  failWith: unknown = null;
  reopened = 0;

  async write(_id: string, chunks: StoredChunk[], head: SessionHead) {
    this.writes++;
    if (this.failWith) throw this.failWith;
    this.lastBatch = chunks;
    for (const chunk of chunks) {
      // As FramesDb does: a chunk replaces the chunks starting among its records (the pieces of an open chunk).
      for (const start of this.chunks.keys())
        if (start > chunk.firstSeq && start < chunk.firstSeq + chunk.count) this.chunks.delete(start);
      this.chunks.set(chunk.firstSeq, structuredClone(chunk));
    }
    this.head = structuredClone(head);
  }
  async reopen() {
    this.reopened++;
  }
  /** Every stored record, in order: what a reader would see. */
  records() {
    return [...this.chunks.values()]
      .sort((a, b) => a.firstSeq - b.firstSeq)
      .flatMap((chunk) => Array.from({ length: chunk.count }, (_, i) => recordAt(chunk, i)));
  }
}
