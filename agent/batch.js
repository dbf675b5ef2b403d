// @ts-check
/**
 * Packs the frames bound for the app into one message per turn of the event loop (or per 64 KB), in the record
 * format of frame-header.js. Whoever sends anything else to the app flushes first, so nothing overtakes a frame.
 */
import { HEADER_BYTES, writeHeader } from './frame-header.js';

const FLUSH_BYTES = 64 * 1024;

export class FrameBatch {
  /** @type {Buffer[]} */
  #parts = [];
  #bytes = 0;
  #scheduled = false;
  #deliver;

  /** @param {(message: Buffer) => void} deliver */
  constructor(deliver) {
    this.#deliver = deliver;
  }

  /**
   * @param {number} id
   * @param {number} flags
   * @param {Buffer} payload
   */
  add(id, flags, payload) {
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    writeHeader(header, 0, id, flags, payload.length);
    this.#parts.push(header, payload);
    this.#bytes += HEADER_BYTES + payload.length;
    if (this.#bytes >= FLUSH_BYTES) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#onTurnEnd);
    }
  }

  flush() {
    if (this.#bytes === 0) return;
    const message = Buffer.concat(this.#parts, this.#bytes);
    this.#parts = [];
    this.#bytes = 0;
    this.#deliver(message);
  }

  #onTurnEnd = () => {
    this.#scheduled = false;
    this.flush();
  };
}
