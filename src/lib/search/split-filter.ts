import type { ChunkColumns } from '../record/chunk';
import type { FilterRequest, WorkerReply } from './search-protocol';

/** A session shorter than this many chunks is filtered by one worker: a second one would cost more than it saves. */
const LEAST_CHUNKS_TO_SPLIT = 8;

type FilterJob = Omit<FilterRequest, 'id'>;

/**
 * Splits a filter job in two at a chunk start near the middle of its records, so two workers (two cores) each
 * scan half. The second half's worker decodes the chunk before its half too, without matching in it, so a
 * stateful decoder (Socket.IO attachments, MQTT packets across frames) enters the half as it would have.
 * Unsaved chunks go to the half that reads them. Null when the job is too small to be worth splitting.
 */
export function splitFilter(job: FilterJob): [FilterJob, FilterJob] | null {
  const starts = job.starts;
  const inRange = starts.filter((start, i) => start < job.toSeq && (starts[i + 1] ?? Infinity) > job.fromSeq);
  if (inRange.length < LEAST_CHUNKS_TO_SPLIT) return null;
  const middle = inRange.length >> 1;
  const mid = inRange[middle] as number;
  const warmFrom = inRange[middle - 1] as number;
  const unsavedOf = (from: number, to: number): ChunkColumns[] =>
    job.unsaved.filter((chunk) => chunk.firstSeq < to && chunk.firstSeq + chunk.count > from);
  return [
    { ...job, toSeq: mid, unsaved: unsavedOf(job.fromSeq, mid) },
    {
      ...job,
      fromSeq: mid,
      unsaved: unsavedOf(job.decoder === null ? mid : warmFrom, job.toSeq),
      ...(job.decoder === null ? {} : { warmFromSeq: warmFrom }),
    },
  ];
}

/**
 * Joins the replies of a split filter's two halves into the replies of one job, in seq order: the first half's
 * progress passes at once, the second's waits until the first is done. Done once both are; the first error ends
 * the job.
 */
export class SplitReplies {
  readonly #deliver: (reply: WorkerReply) => void;
  readonly #waiting: WorkerReply[] = [];
  #firstDone = false;
  #secondDone: (WorkerReply & { type: 'done' }) | null = null;
  #firstWarnings: string[] = [];
  #ended = false;

  constructor(deliver: (reply: WorkerReply) => void) {
    this.#deliver = deliver;
  }

  /** Whether the job has had its last reply (done or an error). */
  get ended(): boolean {
    return this.#ended;
  }

  /** A reply from half 0 or 1. */
  receive(half: 0 | 1, reply: WorkerReply): void {
    if (this.#ended) return;
    if (reply.type === 'error') {
      this.#ended = true;
      this.#deliver(reply);
    } else if (half === 0) {
      if (reply.type !== 'done') return this.#deliver(reply);
      this.#firstDone = true;
      this.#firstWarnings = reply.warnings;
      for (const waiting of this.#waiting.splice(0)) this.#deliver(waiting);
      this.#finish();
    } else if (reply.type === 'done') {
      this.#secondDone = reply;
      this.#finish();
    } else if (this.#firstDone) {
      this.#deliver(reply);
    } else {
      this.#waiting.push(reply);
    }
  }

  #finish(): void {
    const second = this.#secondDone;
    if (!this.#firstDone || second === null) return;
    this.#ended = true;
    const warnings = [...new Set([...this.#firstWarnings, ...second.warnings])];
    this.#deliver({ ...second, warnings });
  }
}
