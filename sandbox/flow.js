// @ts-check
/**
 * Flow control for everything the sandbox sends. Each connection's Outbox counts the bytes it has handed to its
 * socket and that are not yet written out (ws calls a send's callback once its data is written); the server's
 * SendBudget adds those counts up. A connection is `ready` for more while its own count is at most the
 * high-water mark and the server's total is under budget. Whoever sends checks `ready` first, so one slow reader
 * holds at most a high-water mark plus one message, and all connections together at most the budget plus one
 * message, however fast data is produced or however slowly it is read.
 */

export class SendBudget {
  #limit;
  #used = 0;
  /** @type {Set<() => void>} */
  #waiting = new Set();

  /** @param {number} limit bytes */
  constructor(limit) {
    this.#limit = limit;
  }

  get used() {
    return this.#used;
  }

  get full() {
    return this.#used >= this.#limit;
  }

  /** @param {number} bytes */
  take(bytes) {
    this.#used += bytes;
  }

  /** @param {number} bytes */
  give(bytes) {
    this.#used -= bytes;
    if (!this.full) for (const wake of this.#waiting) wake();
  }

  /** @param {() => void} wake called after bytes are given back while the budget has room */
  watch(wake) {
    this.#waiting.add(wake);
  }

  /** @param {() => void} wake */
  unwatch(wake) {
    this.#waiting.delete(wake);
  }
}

export class Outbox {
  #ws;
  #budget;
  #highWaterMark;
  #queued = 0;
  #closed = false;
  /** @type {Set<() => void>} */
  #waiting = new Set();

  /**
   * @param {import('ws').WebSocket} ws
   * @param {SendBudget} budget
   * @param {number} highWaterMark
   */
  constructor(ws, budget, highWaterMark) {
    this.#ws = ws;
    this.#budget = budget;
    this.#highWaterMark = highWaterMark;
    // Whatever was still queued is gone with the socket: give it all back at once, whether or not ws calls back.
    ws.once('close', () => {
      this.#closed = true;
      this.#budget.give(this.#queued);
      this.#queued = 0;
      for (const wake of this.#waiting) wake();
    });
  }

  /** Bytes handed to the socket and not yet written out. */
  get queued() {
    return this.#queued;
  }

  get closed() {
    return this.#closed;
  }

  get ready() {
    return !this.#closed && this.#queued <= this.#highWaterMark && !this.#budget.full;
  }

  /**
   * Sends one message, whether or not the outbox is ready: callers decide what to do when it is not.
   * @param {string | Buffer} data
   * @param {boolean} isBinary
   */
  send(data, isBinary) {
    if (this.#closed) return;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    this.#queued += bytes;
    this.#budget.take(bytes);
    this.#ws.send(data, { binary: isBinary }, () => this.#written(bytes));
  }

  /** Resolves once the outbox is ready, or closed (check `closed`). */
  whenReady() {
    if (this.ready || this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        if (!this.ready && !this.#closed) return;
        this.#waiting.delete(wake);
        this.#budget.unwatch(wake);
        resolve(undefined);
      };
      this.#waiting.add(wake);
      this.#budget.watch(wake);
    });
  }

  /** @param {number} bytes */
  #written(bytes) {
    if (this.#closed) return;
    this.#queued -= bytes;
    this.#budget.give(bytes);
    for (const wake of this.#waiting) wake();
  }
}
