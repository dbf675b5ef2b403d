/**
 * The frame model: every session is a gap-free sequence of records numbered by `seq` from 0.
 * A record is either a message (sent or received, text or binary) or a connection event.
 */

export type Direction = 'out' | 'in';
export type BinaryType = 'blob' | 'arraybuffer';

interface RecordBase {
  /** Position in the session, gap-free from 0 over all records. */
  seq: number;
  /** Epoch milliseconds with sub-millisecond precision, taken when the event fired. */
  t: number;
}

interface MessageBase extends RecordBase {
  /**
   * Sent by the app itself, not by the person: a protocol's handshake, heartbeat or acknowledgement ("Handshake and
   * keep-alive"). Kept with the record so the grid, exports and imports can tell it from what the person sent.
   */
  auto?: true;
  /**
   * Whether the frame was compressed on the wire (permessage-deflate, RSV1), as the agent saw it. Absent for
   * connections the browser made itself: a page cannot tell.
   */
  compressed?: boolean;
}

export interface TextMessage extends MessageBase {
  kind: 'text';
  dir: Direction;
  text: string;
  /** Bytes on the wire: the UTF-8 length of the text. */
  size: number;
}

export interface BinaryMessage extends MessageBase {
  kind: 'binary';
  dir: Direction;
  bytes: Uint8Array;
  size: number;
  /** For received frames: how the browser delivered the payload. */
  binaryType?: BinaryType;
}

export interface OpenEvent extends RecordBase {
  kind: 'open';
  protocol: string;
  extensions: string;
}

export interface CloseEvent extends RecordBase {
  kind: 'close';
  code: number;
  reason: string;
  wasClean: boolean;
  /** The server's close frame payload exactly as sent, in hex (status code, then reason bytes), as the agent saw it. */
  frameHex?: string;
}

export interface ErrorEvent extends RecordBase {
  kind: 'error';
  message: string;
}

/** Something the app itself says about the connection, e.g. the URL it is connecting to. */
export interface NoteEvent extends RecordBase {
  kind: 'note';
  text: string;
}

/**
 * What a socket that sees the wire (the agent's, src/lib/agent/socket.ts) adds to the browser's API: whether it
 * compresses what it sends, whether a message event's frame came compressed, and the server's close frame as sent.
 * Browser sockets and their events have none of these, so their records say nothing about the wire.
 */
export interface WireFacts {
  compressesOutgoing?: boolean;
  compressed?: boolean;
  closeFrameHex?: string;
}

export type MessageRecord = TextMessage | BinaryMessage;
export type EventRecord = OpenEvent | CloseEvent | ErrorEvent | NoteEvent;
export type FrameRecord = MessageRecord | EventRecord;

/** A record before the log numbers it. */
export type UnnumberedRecord = FrameRecord extends infer R
  ? R extends FrameRecord
    ? Omit<R, 'seq'>
    : never
  : never;

export function isMessage(record: FrameRecord): record is MessageRecord {
  return record.kind === 'text' || record.kind === 'binary';
}

/**
 * When this page's clock started: fixed for its lifetime, and read once, since Chromium's getter costs more than
 * performance.now() itself on a path that runs for every frame.
 */
const TIME_ORIGIN = performance.timeOrigin;

/** Epoch time with sub-millisecond precision, the clock every record is stamped with. */
export function preciseNow(): number {
  return TIME_ORIGIN + performance.now();
}
