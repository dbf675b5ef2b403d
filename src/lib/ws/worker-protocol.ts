/**
 * The messages between a WorkerSocket (the page's side) and the socket worker that owns the browser's WebSocket.
 * The worker sends its events in batches, one postMessage for everything that fired since the last one.
 */

import type { BinaryType } from '../model/frame';

/** Page → worker, in the order the page called. */
export type SocketCommand =
  | { type: 'connect'; url: string; protocols: string[]; binaryType: BinaryType }
  | { type: 'binaryType'; binaryType: BinaryType }
  /** `size` in bytes (UTF-8 for text), so the page can count what is still on its way. */
  | { type: 'send'; data: string | Uint8Array; size: number }
  | { type: 'close'; code?: number; reason?: string };

/** Worker → page, in the order they fired; `t` is when (epoch milliseconds, sub-millisecond precision). */
export type SocketReport =
  | { type: 'open'; t: number; protocol: string; extensions: string }
  | { type: 'message'; t: number; data: string | ArrayBuffer | Blob }
  | { type: 'error'; t: number }
  | { type: 'close'; t: number; code: number; reason: string; wasClean: boolean }
  /** The constructor threw: its name (SyntaxError, SecurityError) and message, so the page can explain it. */
  | { type: 'refused'; name: string; message: string }
  /** `sent` bytes of the page's reached the socket since the last report, which still holds `amount`. */
  | { type: 'buffered'; sent: number; amount: number };
