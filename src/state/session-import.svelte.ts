import { messageOf } from '../lib/errors';
import type { ImportSource } from '../lib/formats/import-source';
import type { ProfileSink } from '../lib/import/stored-import';
import type { FramesDb } from '../lib/persist/frames-db';
import type { SessionsDb } from '../lib/persist/sessions-db';
import type { ProfileFilesState } from './profile-files.svelte';
import type { ProfilesState } from './profiles.svelte';
import type { Workspace } from './workspace.svelte';

/**
 * Sessions into the app: files (ours and HAR, from the button, a drop or the installed app) and share links, which
 * are imported only when the person says so, carry only our own format and never add profiles (security review
 * M1). An import that fails part way removes everything it wrote.
 */
export class SessionImportState {
  #busy = $state(false);
  #notice = $state<string | null>(null);
  /** A file of the last import could not be imported: its notice is an alert, not a status. */
  #failed = $state(false);
  #error = $state<string | null>(null);
  /** A share link opened this page: it is imported only when the person says so. */
  #pendingLink = $state<string | null>(null);
  /** A file imported before, waiting for the person to say whether to import it again. */
  #question = $state.raw<ReimportQuestion | null>(null);
  readonly #workspace: Workspace;
  readonly #profiles: ProfilesState;
  readonly #profileFiles: ProfileFilesState;
  readonly #framesDb: FramesDb;
  readonly #sessionsDb: SessionsDb;

  constructor(
    workspace: Workspace,
    profiles: ProfilesState,
    profileFiles: ProfileFilesState,
    framesDb: FramesDb,
    sessionsDb: SessionsDb,
  ) {
    this.#workspace = workspace;
    this.#profiles = profiles;
    this.#profileFiles = profileFiles;
    this.#framesDb = framesDb;
    this.#sessionsDb = sessionsDb;
  }

  get busy(): boolean {
    return this.#busy;
  }
  /** What the last import did, in a sentence. */
  get notice(): string | null {
    return this.#notice;
  }
  /** Whether the last import's notice tells of a file that failed. */
  get failed(): boolean {
    return this.#failed;
  }
  get error(): string | null {
    return this.#error;
  }
  /** A file chosen again: "already imported on …, import again?", until answered. */
  get question(): ReimportQuestion | null {
    return this.#question;
  }

  /** A share link waiting for the person to import it or not. */
  get pendingLink(): boolean {
    return this.#pendingLink !== null;
  }

  /**
   * Imports files one by one into new sessions, then opens the first session imported. A file imported before
   * (by its fingerprint) is imported again only once the person says so.
   */
  importFiles(files: readonly ImportSource[]): Promise<void> {
    const profiles: ProfileSink = {
      add: (profile) => this.#profileFiles.addConnection(profile.url, profile.protocols),
      remove: (id) => this.#profiles.delete(id),
    };
    return this.#import(files, profiles, true);
  }

  /** Asks whether to import `file` again, imported before on `at`; resolves to the answer. */
  #ask(file: string, at: number): Promise<boolean> {
    // A question left open by an earlier choice of files is answered "no": one question shows at a time.
    this.#question?.answer(false);
    return new Promise((resolve) => {
      this.#question = {
        file,
        at,
        answer: (again) => {
          this.#question = null;
          resolve(again);
        },
      };
    });
  }

  /** A share link opened the app: hold it until the person chooses to import it (security review M1). */
  offerShared(fragment: string): void {
    this.#pendingLink = fragment;
  }

  /** Imports the session a share link carries: our own format only, and never a profile. */
  async importShared(): Promise<void> {
    const fragment = this.#pendingLink;
    this.#pendingLink = null;
    if (fragment === null) return;
    const { decodeShareFragment } = await import('../lib/formats/share-link');
    const decoded = await decodeShareFragment(fragment);
    if (!decoded.ok) {
      this.#error = decoded.error;
      return;
    }
    await this.#import([new File([decoded.value], 'share link')], {
      add: () => Promise.reject(new Error('a share link cannot add profiles')),
      remove: () => Promise.resolve(),
    });
  }

  async #import(files: readonly ImportSource[], profiles: ProfileSink, fingerprint = false): Promise<void> {
    const notices: string[] = [];
    let failed = false;
    let first: string | undefined;
    this.#busy = true;
    try {
      const [{ importFile, summarizeImport }, { StoredImport, WRITE_BATCH_LIMITS }, { fileFingerprint }] =
        await Promise.all([
          import('../lib/formats/import-file'),
          import('../lib/import/stored-import'),
          import('../lib/import/fingerprint'),
        ]);
      for (const file of files) {
        // A file that cannot be fingerprinted is imported unasked: the check must never stop an import.
        const print = fingerprint ? await fileFingerprint(file).catch(() => null) : null;
        const sessions = this.#workspace.sessions.list;
        const before = print === null ? undefined : sessions.find((m) => m.imported?.fingerprint === print);
        if (before?.imported && !(await this.#ask(file.name, before.imported.at))) continue;
        const origin = print === null ? null : { fingerprint: print, at: Date.now() };
        const target = new StoredImport(
          this.#framesDb,
          this.#sessionsDb,
          profiles,
          WRITE_BATCH_LIMITS,
          origin,
        );
        const result = await importFile(file, target);
        notices.push(result.ok ? summarizeImport(result.value) : result.error);
        if (result.ok) first ??= result.value.sessionIds[0];
        else failed = true;
      }
    } catch (error) {
      notices.push(`Importing failed: ${messageOf(error)}`);
      failed = true;
    } finally {
      this.#busy = false;
    }
    this.#failed = failed;
    // Every file declined: nothing to report.
    this.#notice = notices.length > 0 ? notices.join(' ') : null;
    await this.#workspace.sessions.refresh();
    if (first !== undefined) await this.#workspace.front.open(first);
  }

  dismiss(): void {
    this.#notice = null;
    this.#failed = false;
    this.#error = null;
    this.#pendingLink = null;
    this.#question?.answer(false);
  }
}

/** "“<file>” was already imported on <at>. Import again?" */
export interface ReimportQuestion {
  file: string;
  /** When it was imported before (epoch ms). */
  at: number;
  answer(again: boolean): void;
}
