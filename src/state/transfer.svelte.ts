import { messageOf } from '../lib/errors';
import type { ExportFormat } from '../lib/formats/export-session';
import { collectFile } from '../lib/formats/export-file';
import { twoWhereTwoCores } from '../lib/cores';
import { ExportWorkerPool } from '../lib/export/worker-pool';
import type { Redaction, RedactionPlan } from '../lib/formats/redaction';
import type { SecretVariable, SessionMeta } from '../lib/model/session';
import type { ProfilesState } from './profiles.svelte';
import type { ShownSessionState } from './shown-session.svelte';
import type { Workspace } from './workspace.svelte';

export type ShareOutcome = 'shared' | 'cancelled' | 'unsupported';

/** How the UI hands a file to the person: opening a download URL, or saving a Blob. */
export interface FileSaver {
  openUrl(url: string): void;
  saveBlob(blob: Blob, fileName: string): void;
}

/**
 * Sessions out of the app: exports of the session on screen (redacted unless the person includes secrets, for
 * that one export), sharing and share links (always redacted).
 */
export class TransferState {
  #includeSecrets = $state(false);
  /** What an export of the session on screen would redact, as far as its URL and recorded secrets tell. */
  #preview = $state.raw<{ id: string; redactions: readonly Redaction[] } | null>(null);

  #busy = $state<string | null>(null);
  #notice = $state<string | null>(null);
  #unchecked = $state<string | null>(null);
  #error = $state<string | null>(null);
  readonly #workspace: Workspace;
  readonly #profiles: ProfilesState;
  readonly #exportWorkers: ExportWorkerPool;

  /** What an export of the session on screen would redact: shown before the person exports. */
  get redactions(): readonly Redaction[] {
    const meta = this.#session.meta;
    return meta && this.#preview?.id === meta.id ? this.#preview.redactions : [];
  }
  /** `createExportWorker` starts an export worker (lib/export/worker.ts); exports start two. */
  constructor(workspace: Workspace, profiles: ProfilesState, createExportWorker: () => Worker) {
    this.#workspace = workspace;
    this.#profiles = profiles;
    this.#exportWorkers = new ExportWorkerPool(createExportWorker, twoWhereTwoCores());
  }

  /** Exports read the session on screen in the panel in front. */
  get #session(): ShownSessionState {
    return this.#workspace.front.session;
  }

  get includeSecrets(): boolean {
    return this.#includeSecrets;
  }
  set includeSecrets(value: boolean) {
    this.#includeSecrets = value;
  }

  /** Works out what an export of the session on screen would redact; the redaction code loads when first used. */
  async preview(): Promise<void> {
    const meta = this.#session.meta;
    if (!meta) return;
    const plan = await this.#redactionPlan(meta, this.#secrets(false));
    this.#preview = { id: meta.id, redactions: plan.redactions };
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
  /** After an export, how many of its binary frames could not be searched for secrets, in a sentence; or null. */
  get unchecked(): string | null {
    return this.#unchecked;
  }

  /**
   * Downloads the session on screen. Streamed to disk through the service worker when one controls the page, so
   * memory holds one chunk at a time whatever the session's length; otherwise built as a Blob.
   */
  async download(format: ExportFormat, save: FileSaver): Promise<void> {
    await this.#run('Exporting…', async () => {
      const file = await this.#exportParts(format, this.#includeSecrets);
      // Including secrets is a choice for one export, never one that lingers for the next (security review L5).
      this.#includeSecrets = false;
      if (!file) return;
      const { streamDownload } = await import('../lib/pwa/stream-download');
      const parts = file.parts[Symbol.asyncIterator]();
      if (!(await streamDownload(parts, file.name, file.mimeType, save.openUrl)))
        save.saveBlob(await collectFile(parts, file), file.name);
    });
  }

  /**
   * The session on screen as a File in memory, for sharing and share links: always redacted, since a file handed
   * to a share sheet or a link pasted in a chat goes further than anyone means (security review L5).
   */
  async exportFile(format: ExportFormat): Promise<File | null> {
    return this.#run('Exporting…', async () => {
      const file = await this.#exportParts(format, false);
      return file ? collectFile(file.parts[Symbol.asyncIterator](), file) : null;
    });
  }

  async #exportParts(format: ExportFormat, includeSecrets: boolean) {
    const meta = this.#session.meta;
    if (!meta) return null;
    // Loaded when first used: most visits never export, and the first screen should not wait for this code.
    const [{ EXPORT_TYPES, exportFileName }, { exportBytes }] = await Promise.all([
      import('../lib/formats/export-session'),
      import('../lib/export/export-bytes'),
    ]);
    const source = this.#session.source;
    const secrets = this.#secrets(includeSecrets);
    const plan = await this.#redactionPlan(meta, secrets);
    const request = {
      // Goes to the export workers as it is: the shown session keeps its meta raw, never a proxy.
      meta,
      format,
      secrets,
      plan,
      // A timestamp for the file's header, not state: nothing reactive reads it.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      exportedAt: new Date(),
    };
    const records = {
      sessionId: source.sessionId,
      starts: source.chunkStarts(),
      unsaved: source.unsavedChunks(),
      count: source.length,
    };
    return {
      name: exportFileName(meta, format),
      mimeType: EXPORT_TYPES[format].mimeType,
      parts: this.#reportUnchecked(exportBytes(records, request, this.#exportWorkers), plan),
    };
  }

  /** The file's parts as they are; once the last is written, the plan knows which binary frames it could not read. */
  async *#reportUnchecked(parts: AsyncIterable<Uint8Array>, plan: RedactionPlan): AsyncGenerator<Uint8Array> {
    this.#unchecked = null;
    yield* parts;
    const count = plan.uncheckedBinary;
    this.#unchecked =
      count === 0
        ? null
        : `${count} binary ${count === 1 ? 'frame' : 'frames'} could not be checked for secrets ` +
          '(neither MessagePack nor CBOR): exported as recorded';
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
      this.#error = `Sharing failed: ${messageOf(error)}`;
      return 'cancelled';
    }
  }

  /** A link carrying the session on screen in its fragment, or null with the reason in `error`. */
  async shareLink(appUrl: string): Promise<string | null> {
    const file = await this.exportFile('native');
    if (!file) return null;
    const { encodeShareFragment } = await import('../lib/formats/share-link');
    const fragment = await encodeShareFragment(file);
    if (!fragment.ok) {
      this.#error = fragment.error;
      return null;
    }
    return `${appUrl}#${fragment.value}`;
  }

  dismiss(): void {
    this.#notice = null;
    this.#error = null;
  }

  /** The export's plan; the export workers make theirs from the same secrets. */
  async #redactionPlan(meta: SessionMeta, secrets: SecretVariable[] | null): Promise<RedactionPlan> {
    const { RedactionPlan } = await import('../lib/formats/redaction');
    return RedactionPlan.forExport(meta, secrets);
  }

  /** The secret variables an export searches for, as plain copies for the workers; null when it includes secrets. */
  #secrets(includeSecrets: boolean): SecretVariable[] | null {
    return includeSecrets ? null : this.#profiles.secretVariables.map(({ name, value }) => ({ name, value }));
  }

  async #run<T>(what: string, action: () => Promise<T>): Promise<T | null> {
    this.#busy = what;
    this.#error = null;
    try {
      return await action();
    } catch (error) {
      this.#error = `${what.replace('…', '')} failed: ${messageOf(error)}`;
      return null;
    } finally {
      this.#busy = null;
    }
  }
}
