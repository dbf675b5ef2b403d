import type { SessionHead, SessionMeta } from '../model/session';

/**
 * An import that loses its tab part way leaves chunks that no session lists (imports list a session only once
 * all of it is written): nothing shows them, nothing deletes them, and they use quota forever. This finds them.
 */

/** What the sweep needs of storage; the app passes its FramesDb, SessionsDb and liveness check. */
export interface OrphanSweepDeps {
  frames: {
    sessionIds(): Promise<string[]>;
    head(sessionId: string): Promise<SessionHead | undefined>;
    delete(sessionId: string): Promise<void>;
  };
  listed: () => Promise<SessionMeta[]>;
  recordingNow: () => Promise<Set<string>>;
  /** When this page started (epoch ms): chunks written since may belong to work still under way elsewhere. */
  pageStart: number;
}

/**
 * An import in another tab holds no lock and lists its session only at its end, writing a batch every few
 * seconds: chunks written within this margin before the page started may be such an import, still running.
 */
export const ORPHAN_GRACE_MS = 10 * 60_000;

/** Bytes a record costs in a chunk beyond its payload (its time, size and flags columns), roughly. */
const RECORD_OVERHEAD_BYTES = 16;

export interface SweepResult {
  sessions: number;
  /** The payload and columns of the deleted chunks, roughly: what storage gets back. */
  bytes: number;
}

/**
 * Deletes the chunks of sessions that are not listed, not recording in any tab, and were last written before
 * the cut-off: older than the page's start by ORPHAN_GRACE_MS and older than any live recording's start. A
 * recording takes its lock before it lists its session, so its chunks are skipped by the lock, and by their age
 * should a first flush beat the lock.
 */
export async function sweepOrphans(deps: OrphanSweepDeps): Promise<SweepResult> {
  // Ids before the listing: an import that lists its session meanwhile is then seen as listed.
  const ids = await deps.frames.sessionIds();
  if (ids.length === 0) return { sessions: 0, bytes: 0 };
  const [listed, alive] = await Promise.all([deps.listed(), deps.recordingNow()]);
  const listedIds = new Set(listed.map((meta) => meta.id));
  const liveStarts = listed.filter((meta) => alive.has(meta.id)).map((meta) => meta.startedAt);
  const cutoff = Math.min(deps.pageStart - ORPHAN_GRACE_MS, ...liveStarts);
  const result: SweepResult = { sessions: 0, bytes: 0 };
  for (const id of ids) {
    if (listedIds.has(id) || alive.has(id)) continue;
    // Every write stores the head beside its chunks, stamped with the wall clock: the newest write's time. An
    // import's flushedAt is a record time, however new the write, so it only stands in for heads from before.
    const head = await deps.frames.head(id);
    if (head === undefined || (head.writtenAt ?? head.flushedAt) >= cutoff) continue;
    await deps.frames.delete(id);
    const { records, bytesSent, bytesReceived } = head.totals;
    result.sessions++;
    result.bytes += bytesSent + bytesReceived + records * RECORD_OVERHEAD_BYTES;
  }
  return result;
}
