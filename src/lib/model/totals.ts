import type { UnnumberedRecord } from './frame';

/** Running counts of a session, kept as records arrive so nothing ever walks the records to count them. */
export interface TrafficTotals {
  /** Every record: messages and connection events. */
  records: number;
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
}

export function emptyTotals(): TrafficTotals {
  return { records: 0, sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 };
}

export function countRecord(totals: TrafficTotals, record: UnnumberedRecord): void {
  totals.records++;
  if (record.kind !== 'text' && record.kind !== 'binary') return;
  if (record.dir === 'out') {
    totals.sent++;
    totals.bytesSent += record.size;
  } else {
    totals.received++;
    totals.bytesReceived += record.size;
  }
}

export function messageCount(totals: TrafficTotals): number {
  return totals.sent + totals.received;
}
