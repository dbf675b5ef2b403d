import type { FilterRequest, TimelineRequest, WorkerReply, WorkerRequest } from './search-protocol';
import { splitFilter, SplitReplies } from './split-filter';
import { twoWhereTwoCores } from '../cores';

/** Starts the search worker; the composition root passes Vite's worker constructor. */
export type WorkerFactory = () => Worker;

/** The part of a Worker the client uses: a test can stand in for it. */
type SearchWorker = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

type Job = Omit<FilterRequest, 'id'> | Omit<TimelineRequest, 'id'>;
type ReplyHandler = (reply: WorkerReply) => void;

/**
 * A filter that has not answered for this long is taken to be stuck in a regex (it replies after the first chunk
 * that ends 100 ms or more after its last reply).
 */
const STUCK_MS = 1000;

/**
 * The page's side of the search workers (two where there are two cores, see cores.ts), shared by the filter and
 * the timeline, so they share the first worker and its chunk cache. A filter over many chunks is split between
 * two workers, one a core, each keeping the chunks of its half; their replies are joined into one job's, in order.
 * It numbers jobs, sends each reply to the job it answers, and drops replies for a job that a newer one of the
 * same type replaced. Workers start with the first job that needs them.
 */
export class SearchClient {
  readonly #createWorker: () => SearchWorker;
  readonly #now: () => number;
  readonly #workers: (SearchWorker | null)[];
  #nextId = 0;
  /** Jobs under way by id, with the handler their replies go to. */
  readonly #pending = new Map<
    number,
    { type: WorkerRequest['type']; startedAt: number; onReply: ReplyHandler; split?: SplitReplies }
  >();
  #lastReplyAt = -Infinity;

  constructor(createWorker: WorkerFactory, now = () => performance.now(), workers = twoWhereTwoCores()) {
    this.#createWorker = createWorker;
    this.#now = now;
    this.#workers = Array.from({ length: workers }, () => null);
  }

  /**
   * Sends a job; its replies go to `onReply` until its last one (`done`, `timeline` or `error`). A job of the same
   * type still under way is dropped (see `drop`): the worker stops it at its next chunk. Returns the job's id.
   */
  run(job: Job, transfer: Transferable[], onReply: ReplyHandler): number {
    for (const [otherId, other] of this.#pending) if (other.type === job.type) this.drop(otherId);
    const id = ++this.#nextId;
    const halves = job.type === 'filter' && this.#workers.length > 1 ? splitFilter(job) : null;
    if (halves === null) {
      this.#pending.set(id, { type: job.type, startedAt: this.#now(), onReply });
      this.#ensureWorker(0).postMessage({ ...job, id } as WorkerRequest, transfer);
      return id;
    }
    const split = new SplitReplies(onReply);
    this.#pending.set(id, { type: job.type, startedAt: this.#now(), onReply, split });
    // Not transferred: the chunk before the second half may go to both workers, and unsaved chunks are few.
    halves.forEach((half, index) => this.#ensureWorker(index).postMessage({ ...half, id }));
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
    for (const worker of this.#workers) worker?.terminate();
    this.#workers.fill(null);
    this.#failAll(reason);
  }

  #ensureWorker(index: number): SearchWorker {
    const existing = this.#workers[index];
    if (existing) return existing;
    const worker = this.#createWorker();
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#receive(index, event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.terminate(event.message || 'the search worker failed');
    };
    this.#workers[index] = worker;
    return worker;
  }

  #receive(workerIndex: number, reply: WorkerReply): void {
    this.#lastReplyAt = this.#now();
    const job = this.#pending.get(reply.id);
    if (job === undefined) return;
    if (job.split) {
      job.split.receive(workerIndex === 0 ? 0 : 1, reply);
      if (job.split.ended) this.#pending.delete(reply.id);
      return;
    }
    if (reply.type !== 'progress') this.#pending.delete(reply.id);
    job.onReply(reply);
  }

  #failAll(message: string): void {
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [id, job] of pending) job.onReply({ id, type: 'error', message });
  }
}
