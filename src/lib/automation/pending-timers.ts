import type { AutomationTimers } from './target';

/** Timers that can all be dropped at once: what a closing connection does with the replies still waiting. */
export class PendingTimers {
  readonly #timers: AutomationTimers;
  readonly #pending = new Set<unknown>();

  constructor(timers: AutomationTimers) {
    this.#timers = timers;
  }

  /** Runs `action` in `ms`, unless clear() comes first. */
  later(action: () => void, ms: number): void {
    const handle = this.#timers.set(() => {
      this.#pending.delete(handle);
      action();
    }, ms);
    this.#pending.add(handle);
  }

  /** Drops every action still waiting. */
  clear(): void {
    for (const handle of this.#pending) this.#timers.clear(handle);
    this.#pending.clear();
  }
}
