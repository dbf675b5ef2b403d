import type { ExportFormat } from '../lib/formats/export-session';
import type { ImportSource } from '../lib/formats/import-file';
import { RedactionPlan } from '../lib/formats/redaction';
import { decodeShareFragment, encodeShareFragment } from '../lib/formats/share-link';
import type { FramesDb } from '../lib/persist/frames-db';
import type { SessionMeta } from '../lib/model/session';
import type { SessionsDb } from '../lib/persist/sessions-db';
import type { ProfilesState } from './profiles.svelte';
import type { SessionView } from './shown-session.svelte';
import type { SessionsState } from './sessions.svelte';

export type ShareOutcome = 'shared' | 'cancelled' | 'unsupported';

/** How the UI hands a file to the person: opening a download URL, or saving a Blob. */
export interface FileSaver {
  openUrl(url: string): void;
  saveBlob(blob: Blob, fileName: string): void;
}

/** The rest of an export as a File: one Blob part per piece, which the browser may keep out of the JS heap. */
async function collect(
  pieces: AsyncIterator<string>,
  file: { name: string; mimeType: string },
): Promise<File> {
  const parts: Blob[] = [];
  for (let next = await pieces.next(); !next.done; next = await pieces.next())
    parts.push(new Blob([next.value]));
  return new File(parts, file.name, { type: file.mimeType });
}

/**
 * Sessions in and out of the app: exports of the session on screen (redacted unless the person includes
 * secrets), sharing, share links, and imports of files and links.
 */
export class TransferState {
  #includeSecrets = $state(false);
  #busy = $state<string | null>(null);
  #notice = $state<string | null>(null);
  #error = $state<string | null>(null);
  readonly #session: SessionView;
  readonly #sessions: SessionsState;
  readonly #profiles: ProfilesState;
  readonly #framesDb: FramesDb;
  readonly #sessionsDb: SessionsDb;

  /** What an export of the session on screen would redact: shown before the person exports. */
  readonly redactions = $derived.by(() => {
    const meta = this.#session.meta;
    return meta ? this.#redactionPlan(meta, false).redactions : [];
  });

  constructor(
    session: SessionView,
    sessions: SessionsState,
    profiles: ProfilesState,
    framesDb: FramesDb,
    sessionsDb: SessionsDb,
  ) {
    this.#session = session;
    this.#sessions = sessions;
    this.#profiles = profiles;
    this.#framesDb = framesDb;
    this.#sessionsDb = sessionsDb;
  }

  get includeSecrets(): boolean {
    return this.#includeSecrets;
  }
  set includeSecrets(value: boolean) {
    this.#includeSecrets = value;
  }
  /** What is under way ("Exporting…"), or null. */
  get busy(): string | null {
    return this.#busy;
  }
  /** What the last import or share did, in a sentence. */
  get notice(): string | null {
    return this.#notice;
  }
  get error(): string | null {
    return this.#error;
  }

  /**
   * Downloads the session on screen. Streamed to disk through the service worker when one controls the page, so
   * memory holds one chunk at a time whatever the session's length; otherwise built as a Blob.
   */
  async download(format: ExportFormat, save: FileSaver): Promise<void> {
    await this.#run('Exporting…', async () => {
      const file = await this.#exportPieces(format);
      if (!file) return;
      const { streamDownload } = await import('../lib/pwa/stream-download');
      const pieces = file.pieces[Symbol.asyncIterator]();
      if (await streamDownload(pieces, file.name, file.mimeType, save.openUrl)) return;
      save.saveBlob(await collect(pieces, file), file.name);
    });
  }

  /** The session on screen as a File in memory: for sharing, and for a share link. */
  async exportFile(format: ExportFormat): Promise<File | null> {
    return this.#run('Exporting…', async () => {
      const file = await this.#exportPieces(format);
      return file ? collect(file.pieces[Symbol.asyncIterator](), file) : null;
    });
  }

  async #exportPieces(format: ExportFormat) {
    const meta = this.#session.meta;
    if (!meta) return null;
    // Loaded when first used: most visits never export, and the first screen should not wait for this code.
    const { EXPORT_TYPES, exportFileName, exportSession } = await import('../lib/formats/export-session');
    const { chunks, count } = this.#session.snapshot();
    const plan = this.#redactionPlan(meta, this.#includeSecrets);
    // A timestamp for the file's header, not state: nothing reactive reads it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const exportedAt = new Date();
    return {
      name: exportFileName(meta, format),
      mimeType: EXPORT_TYPES[format].mimeType,
      pieces: exportSession(meta, chunks, count, format, plan, exportedAt),
    };
  }

  /** Hands the native file to the system's share sheet where the browser can share files. */
  async share(file: File): Promise<ShareOutcome> {
    const data = { files: [file], title: file.name };
    if (!navigator.canShare?.(data)) return 'unsupported';
    try {
      await navigator.share(data);
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      this.#error = `Sharing failed: ${error instanceof Error ? error.message : String(error)}`;
      return 'cancelled';
    }
  }

  /** A link carrying the session on screen in its fragment, or null with the reason in `error`. */
  async shareLink(appUrl: string): Promise<string | null> {
    const file = await this.exportFile('native');
    if (!file) return null;
    const fragment = await encodeShareFragment(file);
    if (!fragment.ok) {
      this.#error = fragment.error;
      return null;
    }
    return `${appUrl}#${fragment.value}`;
  }

  /** Imports files one by one into new sessions, then opens the first session imported. */
  async importFiles(files: readonly ImportSource[]): Promise<void> {
    const notices: string[] = [];
    let first: string | undefined;
    await this.#run('Importing…', async () => {
      const [{ importFile, summarizeImport }, { StoredImport }] = await Promise.all([
        import('../lib/formats/import-file'),
        import('../lib/import/stored-import'),
      ]);
      for (const file of files) {
        const target = new StoredImport(this.#framesDb, this.#sessionsDb, (profile) =>
          this.#profiles.addConnection(profile.url, profile.protocols),
        );
        const result = await importFile(file, target);
        if (!result.ok) {
          notices.push(result.error);
          continue;
        }
        notices.push(summarizeImport(result.value));
        first ??= result.value.sessionIds[0];
      }
    });
    this.#notice = notices.join(' ');
    await this.#sessions.refresh();
    if (first !== undefined) await this.#sessions.open(first);
  }

  /** Opens a session carried by a share link as an imported session. */
  async importShared(fragment: string): Promise<void> {
    const decoded = await decodeShareFragment(fragment);
    if (!decoded.ok) {
      this.#error = decoded.error;
      return;
    }
    await this.importFiles([new File([decoded.value], 'share link')]);
  }

  dismiss(): void {
    this.#notice = null;
    this.#error = null;
  }

  #redactionPlan(meta: SessionMeta, includeSecrets: boolean): RedactionPlan {
    return includeSecrets
      ? RedactionPlan.none(meta.url, meta.protocols)
      : RedactionPlan.for(meta.url, meta.protocols, this.#profiles.secretVariables);
  }

  async #run<T>(what: string, action: () => Promise<T>): Promise<T | null> {
    this.#busy = what;
    this.#error = null;
    try {
      return await action();
    } catch (error) {
      this.#error = `${what.replace('…', '')} failed: ${error instanceof Error ? error.message : String(error)}`;
      return null;
    } finally {
      this.#busy = null;
    }
  }
}
