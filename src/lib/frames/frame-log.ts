import type { FrameRecord, UnnumberedRecord } from '../ws/frame';

export interface TrafficTotals {
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
}

/**
 * The records of one session, in order, numbered gap-free from 0.
 * It keeps running totals so the UI never walks the records to count them.
 */
export class FrameLog {
  readonly #records: FrameRecord[] = [];
  readonly #totals: TrafficTotals = { sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 };

  append(record: UnnumberedRecord): FrameRecord {
    const numbered = { ...record, seq: this.#records.length } as FrameRecord;
    this.#records.push(numbered);
    if (numbered.kind === 'text' || numbered.kind === 'binary') {
      if (numbered.dir === 'out') {
        this.#totals.sent++;
        this.#totals.bytesSent += numbered.size;
      } else {
        this.#totals.received++;
        this.#totals.bytesReceived += numbered.size;
      }
    }
    return numbered;
  }

  /** Number of records: messages and connection events. */
  get length(): number {
    return this.#records.length;
  }

  /** Number of messages, sent plus received. */
  get messageCount(): number {
    return this.#totals.sent + this.#totals.received;
  }

  get totals(): Readonly<TrafficTotals> {
    return this.#totals;
  }

  at(seq: number): FrameRecord | undefined {
    return this.#records[seq];
  }

  /** The first record, whose time is the origin of relative times. */
  get startTime(): number | undefined {
    return this.#records[0]?.t;
  }
}
