import type { SecretVariable, SessionMeta } from '../model/session';
import type { ChunkColumns } from '../record/chunk';
import { ExportAssembly } from '../formats/export-assembly';
import type { ExportJob, ExportPageSays, ExportWorker, ExportWorkerSays } from './protocol';
import type { ExportFormat } from '../formats/export-session';
import type { RedactionPlan } from '../formats/redaction';
import type { ExportWorkerPool } from './worker-pool';

/** The records to export: a session's chunks by their starts, the unsaved ones copied, and how many there are. */
export interface ExportSource {
  sessionId: string;
  starts: readonly number[];
  unsaved: ChunkColumns[];
  count: number;
}

export interface ExportRequest {
  meta: SessionMeta;
  format: ExportFormat;
  /** Secret variables to search for besides those the session recorded; null when the export includes secrets. */
  secrets: SecretVariable[] | null;
  /** The page's plan: it lists, once the file is written, what the workers found. */
  plan: RedactionPlan;
  exportedAt: Date;
}

/**
 * A session as file bytes, formatted by the pool's export workers side by side: each takes every n-th chunk,
 * reads it from storage and formats it, and the page writes the chunks in the file's order between the header and
 * the end. The page only passes bytes on, so it stays free while a long session is written. The workers go back
 * to the pool when the file is whole, and are ended when it is not (a cancelled download, an error).
 */
export async function* exportBytes(
  source: ExportSource,
  request: ExportRequest,
  pool: Pick<ExportWorkerPool, 'lease'>,
): AsyncGenerator<Uint8Array> {
  const assembly = new ExportAssembly(request.meta, request.format, request.plan, request.exportedAt);
  yield assembly.head();
  const chunks = source.starts
    .filter((start) => start < source.count)
    .map((start, i) => ({ start, endSeq: source.starts[i + 1] ?? Infinity }));
  // An empty session starts no worker.
  if (chunks.length > 0) {
    for await (const formatted of formattedChunks(chunks, source, request, pool)) {
      yield assembly.add(formatted.bytes, formatted.records, formatted.tail);
    }
  }
  yield assembly.end();
}

/** The chunks as the workers formatted them, in order: worker k of n formats chunks k, k + n, k + 2n… */
async function* formattedChunks(
  chunks: ExportJob['chunks'],
  source: ExportSource,
  request: ExportRequest,
  pool: Pick<ExportWorkerPool, 'lease'>,
): AsyncGenerator<Formatted> {
  const lease = pool.lease();
  const lanes = lease.workers.slice(0, chunks.length).map((worker) => new Lane(worker));
  let finished = false;
  try {
    lanes.forEach((lane, index) => {
      const own = chunks.filter((_, i) => i % lanes.length === index);
      const starts = new Set(own.map((chunk) => chunk.start));
      const unsaved = source.unsaved.filter((chunk) => starts.has(chunk.firstSeq));
      const job: ExportJob = {
        type: 'start',
        format: request.format,
        meta: request.meta,
        secrets: request.secrets,
        sessionId: source.sessionId,
        chunks: own,
        unsaved,
        count: source.count,
      };
      lane.send(
        job,
        unsaved.flatMap((chunk) => [chunk.t.buffer, chunk.size.buffer, chunk.flags.buffer]),
      );
    });
    for (let i = 0; i < chunks.length; i++) {
      const lane = lanes[i % lanes.length] as Lane;
      yield await lane.next();
      // Taken: the worker may send one more.
      lane.send({ type: 'more' });
    }
    finished = true;
  } finally {
    lease.done(finished);
  }
}

type Formatted = Extract<ExportWorkerSays, { type: 'chunk' }>;
type Waiting = { resolve: (chunk: Formatted) => void; reject: (error: Error) => void };

/** One export worker, with the chunks it sent that the page has not taken yet. */
class Lane {
  readonly #worker: ExportWorker;
  readonly #ready: Formatted[] = [];
  #waiting: Waiting | null = null;
  #failure: Error | null = null;

  constructor(worker: ExportWorker) {
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent<ExportWorkerSays>) => {
      const message = event.data;
      if (message.type === 'error') this.#fail(new Error(message.message));
      else if (this.#waiting) this.#take().resolve(message);
      else this.#ready.push(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(new Error(event.message || 'the export worker failed'));
    };
  }

  send(message: ExportPageSays, transfer: Transferable[] = []): void {
    this.#worker.postMessage(message, transfer);
  }

  /** The worker's next chunk, in the order it sent them. */
  next(): Promise<Formatted> {
    const ready = this.#ready.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  #take(): Waiting {
    const waiting = this.#waiting as Waiting;
    this.#waiting = null;
    return waiting;
  }

  #fail(error: Error): void {
    this.#failure = error;
    if (this.#waiting) this.#take().reject(error);
  }
}
