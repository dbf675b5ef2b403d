import type { BinaryType } from './frame';
import type { TrafficTotals } from './totals';

/** A secret variable's value, by the name it had: what an export looks for to redact it. */
export interface SecretVariable {
  name: string;
  value: string;
}

export type SessionStatus = 'recording' | 'closed' | 'interrupted' | 'imported';

/** One line of the Sessions list: enough to show and sort it without touching the frames. */
export interface SessionMeta {
  id: string;
  /** A name the person gave it; the URL is shown when there is none. */
  name?: string;
  url: string;
  protocols: string[];
  binaryType: BinaryType;
  startedAt: number;
  endedAt?: number;
  status: SessionStatus;
  totals: TrafficTotals;
  /** For imported sessions: the file (or link) it came from and its format. */
  source?: string;
  /** For sessions imported from a file: which file (see fileFingerprint) and when, to ask before importing it again. */
  imported?: ImportOrigin;
  /** For interrupted sessions: when the last frames were saved. */
  savedUntil?: number;
  /**
   * The secret variables filled in while it was recorded, with the values they had: its export redacts them
   * even after their profile was deleted or the values rotated. Never written to an exported file.
   */
  secrets?: SecretVariable[];
}

/** The file a session was imported from, by fingerprint, and when (epoch ms). */
export interface ImportOrigin {
  fingerprint: string;
  at: number;
}

/** A session as an exported file describes it: what the listing shows, less what only this browser knows. */
export type SessionDescription = Pick<
  SessionMeta,
  'name' | 'url' | 'protocols' | 'binaryType' | 'startedAt' | 'endedAt'
>;

/**
 * Each session's head: written in the same transaction as its chunks, so the two never disagree.
 * After a crash it says exactly what was saved.
 */
export interface SessionHead {
  lastSeq: number;
  totals: TrafficTotals;
  /** The time of the last flush, on the writer's clock: an import's or a seed's clock runs on record times. */
  flushedAt: number;
  /**
   * Wall-clock time (epoch ms) storage wrote this head, whatever clock the writer keeps: how old a write
   * really is. Heads written before it existed lack it.
   */
  writtenAt?: number;
}
