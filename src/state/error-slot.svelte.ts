/** The last failure of a group of storage actions, shown to the person until an action succeeds. */
export class ErrorSlot {
  #message = $state<string | null>(null);

  get message(): string | null {
    return this.#message;
  }

  /** Runs the action; a failure is kept as "what: why" instead of escaping as an unhandled rejection. */
  async attempt(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
      this.#message = null;
    } catch (error) {
      this.#message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
