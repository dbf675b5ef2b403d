import type { UnnumberedRecord } from '../model/frame';

/** The fields of a connection event as a chunk keeps them (sparse: events are rare). */
export type EventFields =
  | { protocol: string; extensions: string }
  | { code: number; reason: string; wasClean: boolean; frameHex?: string }
  | { message: string }
  | { text: string };

export function eventFields(record: UnnumberedRecord): EventFields {
  switch (record.kind) {
    case 'open':
      return { protocol: record.protocol, extensions: record.extensions };
    case 'close':
      return {
        code: record.code,
        reason: record.reason,
        wasClean: record.wasClean,
        ...(record.frameHex === undefined ? {} : { frameHex: record.frameHex }),
      };
    case 'error':
      return { message: record.message };
    case 'note':
      return { text: record.text };
    default:
      throw new Error(`${record.kind} is a message, not an event`);
  }
}
