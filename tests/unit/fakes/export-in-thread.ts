import { exportBytes } from '../../../src/lib/export/export-bytes';
import { ExportWorkerPool } from '../../../src/lib/export/worker-pool';
import { ExportJobRunner } from '../../../src/lib/export/job';
import type { ExportPageSays, ExportWorker, ExportWorkerSays } from '../../../src/lib/export/protocol';
import type { ExportFormat } from '../../../src/lib/formats/export-session';
import { RedactionPlan } from '../../../src/lib/formats/redaction';
import type { FramesDb } from '../../../src/lib/persist/frames-db';
import type { SecretVariable, SessionMeta } from '../../../src/lib/model/session';
import type { ChunkColumns } from '../../../src/lib/record/chunk';

type ChunkReader = Pick<FramesDb, 'chunksBetween' | 'chunk'>;

const noStorage: ChunkReader = {
  chunksBetween: () => Promise.reject(new Error('no storage in this test')),
  chunk: () => Promise.reject(new Error('no storage in this test')),
};

/**
 * A Worker stand-in that runs the export worker's own code (ExportJobRunner) in this thread: messages are
 * structured-cloned and delivered a task later each way, as between threads.
 */
export class InThreadExportWorker implements ExportWorker {
  onmessage: ExportWorker['onmessage'] = null;
  onerror: ExportWorker['onerror'] = null;
  terminated = false;
  readonly received: ExportPageSays[] = [];
  /** Chunks this worker sent. */
  sent = 0;
  readonly #runner: ExportJobRunner;

  constructor(frames: ChunkReader = noStorage) {
    this.#runner = new ExportJobRunner(frames, (message: ExportWorkerSays) => {
      if (message.type === 'chunk') this.sent++;
      const copy = structuredClone(message);
      setTimeout(() => {
        if (!this.terminated) this.onmessage?.call(this as never, { data: copy } as MessageEvent);
      });
    });
  }

  postMessage(message: unknown): void {
    const copy = structuredClone(message) as ExportPageSays;
    this.received.push(copy);
    setTimeout(() => this.#runner.receive(copy));
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** One time for every export here, so two exports of the same records are the same bytes. */
const EXPORTED_AT = new Date(Date.UTC(2026, 10, 30));

export interface InThreadExport {
  meta: SessionMeta;
  chunks: ChunkColumns[];
  count: number;
  format: ExportFormat;
  secrets?: SecretVariable[] | null;
  exportedAt?: Date;
  workers?: number;
  /** Chunks not in `chunks` are read from here, as a worker reads storage. */
  frames?: ChunkReader;
  starts?: number[];
  /** Workers to use, when a test keeps them from one export to the next. */
  pool?: ExportWorkerPool;
}

/** An export as the page makes it, with the export workers' code run in this thread; the page's plan too. */
export async function exportInThread(options: InThreadExport) {
  const secrets = options.secrets === undefined ? [] : options.secrets;
  const plan = RedactionPlan.forExport(options.meta, secrets);
  const workers: InThreadExportWorker[] = [];
  const parts = exportBytes(
    {
      sessionId: options.meta.id,
      starts: options.starts ?? options.chunks.map((chunk) => chunk.firstSeq),
      unsaved: options.chunks,
      count: options.count,
    },
    {
      meta: options.meta,
      format: options.format,
      secrets,
      plan,
      exportedAt: options.exportedAt ?? EXPORTED_AT,
    },
    options.pool ??
      new ExportWorkerPool(
        () => {
          const worker = new InThreadExportWorker(options.frames);
          workers.push(worker);
          return worker;
        },
        options.workers ?? 2,
        0,
      ),
  );
  const bytes: Uint8Array[] = [];
  for await (const part of parts) bytes.push(part.slice());
  const text = new TextDecoder().decode(await new Blob(bytes as Uint8Array<ArrayBuffer>[]).arrayBuffer());
  return { text, plan, workers };
}
