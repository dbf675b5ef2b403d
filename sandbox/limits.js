// @ts-check
/**
 * What the sandbox lets one request, one connection and all of them together cost. Any page on this machine can
 * open these sockets, so every cap is about keeping a local demo server (and the app server beside it) alive.
 */

const MiB = 1024 * 1024;

/**
 * @typedef {object} Limits
 * @property {number} maxConnections WebSockets open at once, all paths together (past it: HTTP 503)
 * @property {number} maxPerPath WebSockets open at once on one path (past it: close 1008)
 * @property {number} maxPayload the largest message a client may send (past it: close 1009)
 * @property {number} maxChatPayload the same on /chat, where each message is copied to every member's queue
 * @property {number} highWaterMark bytes queued for one connection past which it gets no more until they drain
 * @property {number} sendBudget bytes queued for all connections together past which none gets more
 * @property {number} maxMessageSize the largest /stream `size`
 * @property {number} maxStreamBytes the most one /stream request may ask for in all (count × size)
 * @property {number} maxStreamCount the largest /stream `count`
 * @property {number} maxRate the largest /stream `rate`, in messages per second
 */

/** @type {Readonly<Limits>} */
export const LIMITS = Object.freeze({
  maxConnections: 128,
  maxPerPath: 64,
  maxPayload: 8 * MiB,
  maxChatPayload: 1 * MiB,
  highWaterMark: 1 * MiB,
  sendBudget: 128 * MiB,
  // The end-to-end suite streams a 50 MB frame to show that large payloads are paged.
  maxMessageSize: 64 * MiB,
  // An end-to-end test streams up to 10,000,000 small ticks (about 450 MB) and leaves before the end.
  maxStreamBytes: 1024 * MiB,
  maxStreamCount: 100_000_000,
  maxRate: 100_000,
});
