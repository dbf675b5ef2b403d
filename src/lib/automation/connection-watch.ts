import type { AutomationTimers } from './target';

/**
 * What a scenario run knows of its connection (open, its subprotocol, why it closed), and a way to wait until a
 * condition holds or a time passes: every change wakes the waiters, which test their condition again.
 */
export class ConnectionWatch {
  isOpen = false;
  protocol = '';
  /** Why the connection is no longer open, once it closed. */
  closedReason: string | null = null;
  readonly #waiters = new Set<() => void>();

  opened(protocol: string): void {
    this.isOpen = true;
    this.protocol = protocol;
    this.changed();
  }

  closed(reason: string): void {
    this.isOpen = false;
    this.closedReason = reason;
    this.changed();
  }

  /** Something arrived or changed: waiters look again. */
  changed(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  /** Resolves true as soon as `done()` holds (at once if it does now), false once `ms` have passed. */
  until(done: () => boolean, timers: AutomationTimers, ms: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const settle = (value: boolean) => {
        this.#waiters.delete(wake);
        timers.clear(timer);
        resolve(value);
      };
      const wake = () => {
        if (done()) settle(true);
      };
      const timer = timers.set(() => settle(false), ms);
      this.#waiters.add(wake);
    });
  }
}
