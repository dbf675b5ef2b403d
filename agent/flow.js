// @ts-check
/**
 * Backpressure for one direction of the relay. Every frame for a sink goes through its gate; when the sink's queue
 * (ws `bufferedAmount`: bytes not yet handed to the kernel) would pass the high-water mark, the gate reports
 * congestion so the caller pauses whatever feeds it, and reports relief once the queue has drained under the
 * low-water mark. The agent therefore never holds more than about `high` bytes (plus one frame) per sink.
 */

/**
 * @typedef {object} Sink
 * @property {number} bufferedAmount
 * @property {(data: Buffer | string, options: { binary: boolean }, callback?: (error?: Error) => void) => void} send
 */

export class FlowGate {
  #sink;
  #high;
  #low;
  #onChange;
  #congested = false;

  /**
   * @param {Sink} sink
   * @param {{ high: number, low: number }} marks
   * @param {(congested: boolean) => void} onChange
   */
  constructor(sink, { high, low }, onChange) {
    this.#sink = sink;
    this.#high = high;
    this.#low = low;
    this.#onChange = onChange;
  }

  get congested() {
    return this.#congested;
  }

  /**
   * @param {Buffer | string} data
   * @param {boolean} binary
   */
  send(data, binary) {
    if (!this.#congested && this.#sink.bufferedAmount + data.length <= this.#high) {
      this.#sink.send(data, { binary });
      return;
    }
    if (!this.#congested) {
      this.#congested = true;
      this.#onChange(true);
    }
    // While congested every frame asks to hear when it is flushed; the last one's callback comes when the queue
    // is empty, so relief is never missed even if nothing more is sent.
    this.#sink.send(data, { binary }, this.#afterFlush);
  }

  #afterFlush = () => {
    if (this.#congested && this.#sink.bufferedAmount <= this.#low) {
      this.#congested = false;
      this.#onChange(false);
    }
  };
}
