/** Where an import writes its sessions, and the sink that writes one session's good records there. */
import type { SessionDescription } from '../model/session';
import type { UnnumberedRecord } from '../model/frame';
import type { ImportReport } from './import-report';
import type { RecordCheck } from './validate';

export interface ImportedSession extends SessionDescription {
  /** Where it came from, shown with the session: "capture.har (HAR)". */
  source: string;
}

/** One session being written by an import. */
export interface SessionWriter {
  readonly sessionId: string;
  append(record: UnnumberedRecord): Promise<void>;
  /** Lists the session, with its end time when the file does not give one. */
  finish(lastRecordAt: number | undefined): Promise<void>;
}

/** Where imports go. Everything an import writes is new: it never changes what is already stored. */
export interface ImportTarget {
  startSession(session: ImportedSession): Promise<SessionWriter>;
  /** A connection worth keeping without messages (a Firefox HAR entry). */
  addProfile(profile: { url: string; protocols: string[] }): Promise<void>;
  /** Removes whatever this import wrote: called when it fails part way. */
  discard(): Promise<void>;
}

/** Writes one session's good records, counts the bad ones, and starts the session at its first record. */
export class SessionSink {
  readonly #target: ImportTarget;
  readonly #session: ImportedSession;
  readonly #report: ImportReport;
  #writer: SessionWriter | null = null;
  #lastAt: number | undefined;

  constructor(target: ImportTarget, session: ImportedSession, report: ImportReport) {
    this.#target = target;
    this.#session = session;
    this.#report = report;
  }

  skip(reason: string): void {
    this.#report.skipped[reason] = (this.#report.skipped[reason] ?? 0) + 1;
  }

  async add(check: RecordCheck): Promise<void> {
    if (!check.ok) return this.skip(check.error);
    const writer = this.#writer ?? (await this.#start(check.value.t));
    await writer.append(check.value);
    this.#lastAt = check.value.t;
    this.#report.records++;
  }

  async finish(): Promise<void> {
    const writer = this.#writer ?? (await this.#start(Date.now()));
    await writer.finish(this.#lastAt);
  }

  async #start(firstRecordAt: number): Promise<SessionWriter> {
    const startedAt = Number.isFinite(this.#session.startedAt) ? this.#session.startedAt : firstRecordAt;
    const writer = await this.#target.startSession({ ...this.#session, startedAt });
    this.#writer = writer;
    this.#report.sessionIds.push(writer.sessionId);
    return writer;
  }
}
