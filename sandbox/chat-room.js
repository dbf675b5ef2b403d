// @ts-check
/**
 * The /chat room: every message goes to every member, with the sender's name, plus join and leave notices.
 * A member that reads slower than the room talks is not waited for (that would let one slow reader stall
 * everyone) and not queued for without end: while its outbox is not ready its messages are dropped, and the next
 * message it gets is preceded by `{"type":"dropped","count":N}`.
 */

/**
 * @typedef {object} Member
 * @property {string} name
 * @property {import('./flow.js').Outbox} outbox
 * @property {number} dropped messages not delivered since the last one that was
 */

export class ChatRoom {
  /** @type {Map<import('ws').WebSocket, Member>} */
  #members = new Map();
  #joined = 0;

  /**
   * @param {import('ws').WebSocket} ws
   * @param {URLSearchParams} params
   * @param {import('./flow.js').Outbox} outbox
   */
  join(ws, params, outbox) {
    const name = (params.get('name') ?? '').trim().slice(0, 32) || `guest-${++this.#joined}`;
    this.#members.set(ws, { name, outbox, dropped: 0 });
    outbox.send(JSON.stringify({ type: 'welcome', name, members: this.#names() }), false);
    this.#broadcast(JSON.stringify({ type: 'join', name, count: this.#members.size }), false);
    ws.on('message', (data, isBinary) => {
      const bytes = /** @type {Buffer} */ (data);
      if (isBinary) this.#broadcast(bytes, true);
      else this.#broadcast(JSON.stringify({ type: 'message', from: name, text: bytes.toString() }), false);
    });
    ws.on('close', () => {
      this.#members.delete(ws);
      this.#broadcast(JSON.stringify({ type: 'leave', name, count: this.#members.size }), false);
    });
  }

  #names() {
    return [...this.#members.values()].map((member) => member.name);
  }

  /**
   * @param {string | Buffer} data
   * @param {boolean} isBinary
   */
  #broadcast(data, isBinary) {
    // One buffer for all: ws would otherwise encode a string once per member.
    const shared = typeof data === 'string' ? Buffer.from(data) : data;
    for (const member of this.#members.values()) {
      if (!member.outbox.ready) {
        member.dropped++;
        continue;
      }
      if (member.dropped > 0) {
        member.outbox.send(JSON.stringify({ type: 'dropped', count: member.dropped }), false);
        member.dropped = 0;
      }
      member.outbox.send(shared, isBinary);
    }
  }
}
