import type { FilterRequest, TimelineRequest, WorkerReply, WorkerRequest } from './search-protocol';

/** Starts the search worker; the composition root passes Vite's worker constructor. */
export type WorkerFactory = () => Worker;

/** The part of a Worker the client uses: a test can stand in for it. */
type SearchWorker = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

type Job = Omit<FilterRequest, 'id'> | Omit<TimelineRequest, 'id'>;
type ReplyHandler = (reply: WorkerReply) => void;

/** A filter that has not answered for this long is taken to be stuck in a regex (it replies every 256 chunks). */
const STUCK_MS = 1000;

/**
 * The page's side of the search worker, shared by the filter and the timeline, so they share one worker and its
 * chunk cache. It numbers jobs, sends each reply to the job it answers, and drops replies for a job that a newer
 * one of the same type replaced. The worker starts with the first job.
 */
export class SearchClient {
  readonly #createWorker: () => SearchWorker;
  readonly #now: () => number;
  #worker: SearchWorker | null = null;
  #nextId = 0;
  /** Jobs under way by id, with the handler their replies go to. */
  readonly #pending = new Map<
    number,
    { type: WorkerRequest['type']; startedAt: number; onReply: ReplyHandler }
  >();
  #lastReplyAt = -Infinity;

  constructor(createWorker: WorkerFactory, now = () => performance.now()) {
    this.#createWorker = createWorker;
    this.#now = now;
  }

  /**
   * Sends a job; its replies go to `onReply` until its last one (`done`, `timeline` or `error`). A job of the same
   * type still under way is dropped (see `drop`): the worker stops it at its next chunk. Returns the job's id.
   */
  run(job: Job, transfer: Transferable[], onReply: ReplyHandler): number {
    for (const [otherId, other] of this.#pending) if (other.type === job.type) this.drop(otherId);
    const id = ++this.#nextId;
    this.#pending.set(id, { type: job.type, startedAt: this.#now(), onReply });
    this.#ensureWorker().postMessage({ ...job, id } as WorkerRequest, transfer);
    return id;
  }

  /**
   * Stops delivering a job's replies. A filter that has been silent for long is stuck in a regex, which only
   * ending the worker stops: then the worker is ended (other jobs under way end with an error).
   */
  drop(id: number): void {
    const job = this.#pending.get(id);
    if (job === undefined) return;
    this.#pending.delete(id);
    const silentMs = this.#now() - Math.max(job.startedAt, this.#lastReplyAt);
    if (job.type === 'filter' && silentMs > STUCK_MS)
      this.terminate('A filter stuck in its regex was ended.');
  }

  /**
   * Ends the worker, the only way to stop a regex that never returns. Every job under way ends with an error
   * reply saying why; the next job starts a new worker.
   */
  terminate(reason: string): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#failAll(reason);
  }

  #ensureWorker(): SearchWorker {
    if (this.#worker) return this.#worker;
    const worker = this.#createWorker();
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.terminate(event.message || 'the search worker failed');
    };
    this.#worker = worker;
    return worker;
  }

  #receive(reply: WorkerReply): void {
    this.#lastReplyAt = this.#now();
    const job = this.#pending.get(reply.id);
    if (job === undefined) return;
    if (reply.type !== 'progress') this.#pending.delete(reply.id);
    job.onReply(reply);
  }

  #failAll(message: string): void {
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [id, job] of pending) job.onReply({ id, type: 'error', message });
  }
}
