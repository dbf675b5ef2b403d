import { messageOf } from '../lib/errors';

/** The last failure of a group of storage actions, shown to the person until an action succeeds. */
export class ErrorSlot {
  #message = $state<string | null>(null);

  get message(): string | null {
    return this.#message;
  }

  /**
   * Runs the action; a failure is kept as "what: why" instead of escaping as an unhandled rejection.
   * Resolves to whether the action succeeded.
   */
  async attempt(what: string, action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      this.#message = null;
      return true;
    } catch (error) {
      this.#message = `${what}: ${messageOf(error)}`;
      return false;
    }
  }
}
