import type { FramesDb } from './frames-db';
import type { StoredChunk } from '../record/chunk';

/**
 * The chunks at `starts`, side by side in a session's directory, read in one request; `endSeq` is the start after
 * the last (Infinity at the session's end). A chunk storage no longer holds as listed (the pieces of an open chunk,
 * since written whole) is read on its own, as FrameReader.chunk reads it, so each record comes once. A missing
 * chunk is undefined.
 */
export async function readChunkGroup(
  frames: Pick<FramesDb, 'chunksBetween' | 'chunk'>,
  sessionId: string,
  starts: readonly number[],
  endSeq: number,
): Promise<(StoredChunk | undefined)[]> {
  const stored = await frames.chunksBetween(sessionId, starts[0] ?? 0, starts.at(-1) ?? 0);
  const byStart = new Map(stored.map((chunk) => [chunk.firstSeq, chunk]));
  return Promise.all(
    starts.map((start, k) => {
      const end = starts[k + 1] ?? endSeq;
      const found = byStart.get(start);
      return found && found.firstSeq + found.count <= end ? found : frames.chunk(sessionId, start, end);
    }),
  );
}
