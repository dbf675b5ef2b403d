import { formatBytes } from '../display/size';
import type { TrafficTotals } from '../model/totals';

export interface RecordingLimitSettings {
  /** The most one session may record before recording stops: a server cannot fill the disk unasked. */
  sessionBytes: number;
  /** After a failed save (a full disk), the most held in memory before recording stops. */
  unsavedBytes: number;
}

export const DEFAULT_RECORDING_LIMITS: RecordingLimitSettings = {
  sessionBytes: 4 * 1024 ** 3,
  unsavedBytes: 256 * 1024 ** 2,
};

/**
 * The budgets a recording must stay within (security review, L3). Checked per record against running totals, so
 * the check costs two additions; it trips once per session.
 */
export class RecordingLimits {
  readonly #settings: RecordingLimitSettings;
  #bytesAtFailedSave: number | null = null;
  #tripped = false;

  constructor(settings: Partial<RecordingLimitSettings> = {}) {
    this.#settings = { ...DEFAULT_RECORDING_LIMITS, ...settings };
  }

  /** A new session: its own budget. */
  start(): void {
    this.#bytesAtFailedSave = null;
    this.#tripped = false;
  }

  /** Saving failed with these totals: from now on what arrives stays in memory. */
  saveFailedAt(totals: Readonly<TrafficTotals>): void {
    this.#bytesAtFailedSave ??= bytesOf(totals);
  }

  /** Why recording must stop now, once; null while within the limits. */
  exceeded(totals: Readonly<TrafficTotals>): string | null {
    if (this.#tripped) return null;
    const bytes = bytesOf(totals);
    const { sessionBytes, unsavedBytes } = this.#settings;
    let reason: string | null = null;
    if (bytes > sessionBytes) {
      reason = `This session reached its recording budget of ${formatBytes(sessionBytes)}: the connection was closed so that nothing goes unrecorded. Connect again for a new session.`;
    } else if (this.#bytesAtFailedSave !== null && bytes - this.#bytesAtFailedSave > unsavedBytes) {
      reason = `Storage is full and ${formatBytes(unsavedBytes)} more arrived, held in memory: the connection was closed before memory runs out. Free space (delete old sessions) and press Retry saving.`;
    }
    this.#tripped = reason !== null;
    return reason;
  }
}

function bytesOf(totals: Readonly<TrafficTotals>): number {
  return totals.bytesSent + totals.bytesReceived;
}
