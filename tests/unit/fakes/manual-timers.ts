import type { AutomationTimers } from '../../../src/lib/automation/target';

/** Timers that fire only when the test moves time, in the order they are due. */
export class ManualTimers implements AutomationTimers {
  #now = 0;
  #next = 0;
  readonly #due = new Map<number, { at: number; callback: () => void }>();

  now = (): number => this.#now;
  set = (callback: () => void, ms: number): unknown => {
    const handle = ++this.#next;
    this.#due.set(handle, { at: this.#now + Math.max(0, ms), callback });
    return handle;
  };
  clear = (handle: unknown): void => {
    this.#due.delete(handle as number);
  };

  get pending(): number {
    return this.#due.size;
  }

  /** Moves time forward, firing each timer at its own time; promises settle between timers. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await settle();
      const [handle, timer] = [...this.#due.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0] ?? [undefined, undefined];
      if (handle === undefined || timer === undefined) break;
      this.#due.delete(handle);
      this.#now = timer.at;
      timer.callback();
    }
    this.#now = end;
    await settle();
  }

  /** Makes every pending timer fire `ms` late, as in a busy or throttled tab. */
  lateBy(ms: number): void {
    for (const timer of this.#due.values()) timer.at += ms;
  }
}

/** Lets pending promise continuations run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
