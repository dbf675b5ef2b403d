import type { SessionHead } from '../../../src/lib/model/session';
import type { FrameWriter } from '../../../src/lib/record/frame-store';
import { recordAt } from '../../../src/lib/record/chunk';
import type { StoredChunk } from '../../../src/lib/record/chunk';

/** A writer that keeps what it is given, and fails on demand. */
export class MemoryWriter implements FrameWriter {
  readonly chunks = new Map<number, StoredChunk>();
  head: SessionHead | undefined;
  writes = 0;
  failWith: unknown = null;
  reopened = 0;

  async write(_id: string, chunks: StoredChunk[], head: SessionHead) {
    this.writes++;
    if (this.failWith) throw this.failWith;
    for (const chunk of chunks) this.chunks.set(chunk.firstSeq, structuredClone(chunk));
    this.head = structuredClone(head);
  }
  async reopen() {
    this.reopened++;
  }
  /** Every stored record, in order: what a reader would see. */
  records() {
    return [...this.chunks.values()].flatMap((chunk) =>
      Array.from({ length: chunk.count }, (_, i) => recordAt(chunk, i)),
    );
  }
}
