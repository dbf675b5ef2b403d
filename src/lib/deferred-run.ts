/** How a run is put off: a timer by default, a hand-driven queue in tests. */
export type Defer = (run: () => void) => void;

export const nextTask: Defer = (run) => setTimeout(run, 0);

/**
 * A task run later, once however often it is asked for before it runs, and never after dispose(): how work done in
 * batches on the page (merging sessions, filtering them) gives the page a turn between batches.
 */
export class DeferredRun {
  readonly #task: () => void;
  readonly #defer: Defer;
  #scheduled = false;
  #disposed = false;

  constructor(task: () => void, defer: Defer = nextTask) {
    this.#task = task;
    this.#defer = defer;
  }

  /** Runs the task at the next turn, unless a run is already waiting or the task was disposed of. */
  schedule(): void {
    if (this.#scheduled || this.#disposed) return;
    this.#scheduled = true;
    this.#defer(() => {
      this.#scheduled = false;
      if (!this.#disposed) this.#task();
    });
  }

  dispose(): void {
    this.#disposed = true;
  }
}
