import type { ExportWorker } from './protocol';

/** Export workers are kept this long after an export, for the next one. */
const IDLE_MS = 60_000;

/** Workers lent to one export: `done(true)` gives them back, `done(false)` ends them (a job may be under way). */
export interface WorkerLease {
  readonly workers: readonly ExportWorker[];
  done(finished: boolean): void;
}

/**
 * The export workers, kept a minute between exports. A new worker's first export runs while its JIT compiles the
 * formatting code: in Chromium 156 here, new workers for every export took 5.2–6.7 CPU-seconds for a million
 * frames, workers kept from one export to the next 4.2–5.4 after their first (2026-12-01, README).
 */
export class ExportWorkerPool {
  readonly #create: () => ExportWorker;
  readonly #count: number;
  readonly #idleMs: number;
  #idle: ExportWorker[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(create: () => ExportWorker, count: number, idleMs = IDLE_MS) {
    this.#create = create;
    this.#count = count;
    this.#idleMs = idleMs;
  }

  /** Workers for an export: the idle ones, or new ones while another export has them. */
  lease(): WorkerLease {
    clearTimeout(this.#timer);
    const taken = this.#idle.splice(0);
    while (taken.length < this.#count) taken.push(this.#create());
    return {
      workers: taken,
      done: (finished) => {
        if (!finished || this.#idle.length > 0) {
          for (const worker of taken) worker.terminate();
          return;
        }
        this.#idle = taken;
        this.#timer = setTimeout(() => this.#end(), this.#idleMs);
      },
    };
  }

  #end(): void {
    for (const worker of this.#idle.splice(0)) worker.terminate();
  }
}
