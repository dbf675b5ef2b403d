import type { DecodedMessage, Pairing } from './decoder';

/** The other side of an exchange: its record's seq and the time between request and reply. */
export interface PairedWith {
  seq: number;
  latencyMs: number;
}

/**
 * Where one decoded message stands in its exchange: a request and its first reply (null while unanswered), or a
 * reply and the request it answers (null when no request on record asked for it).
 */
export type PairingLink =
  { role: 'request'; reply: PairedWith | null } | { role: 'reply'; request: PairedWith | null };

/**
 * Messages paired per frame. A message is named by `seq * MESSAGES_PER_FRAME + index`, which stays a small
 * integer (a cheap Map key) up to sixteen million records; messages past this many in one frame are not paired.
 */
const MESSAGES_PER_FRAME = 64;

/**
 * Which request each reply answers, built in one pass over a session's messages in order. It pairs as the
 * timeline measures latency: the first request with a key holds it until a final reply; replies that are not
 * final (a GraphQL `next`, a STOMP MESSAGE) all answer it, the first one is the request's answer. It keeps two
 * numbers per paired message, never the messages themselves, so a session of millions stays small.
 */
export class PairingIndex {
  readonly #open = new Map<string, { id: number; t: number; answered: boolean }>();
  /** Request → its first reply; reply → its request. */
  readonly #partner = new Map<number, number>();
  /** Reply → milliseconds since its request. */
  readonly #latency = new Map<number, number>();

  /** The messages of record `seq`, received or sent at `t` (epoch ms). Records must come in seq order. */
  add(seq: number, t: number, messages: readonly DecodedMessage[]): void {
    const count = Math.min(messages.length, MESSAGES_PER_FRAME);
    for (let index = 0; index < count; index++) {
      const pairing = messages[index]?.pairing;
      if (pairing === undefined) continue;
      const id = seq * MESSAGES_PER_FRAME + index;
      const open = this.#open.get(pairing.key);
      if (pairing.role === 'request') {
        if (open === undefined) this.#open.set(pairing.key, { id, t, answered: false });
        continue;
      }
      if (open === undefined) continue;
      this.#partner.set(id, open.id);
      this.#latency.set(id, t - open.t);
      if (!open.answered) this.#partner.set(open.id, id);
      open.answered = true;
      if (pairing.final !== false) this.#open.delete(pairing.key);
    }
  }

  /** Message `index` of record `seq`, which the decoder paired as `pairing`. */
  link(seq: number, index: number, pairing: Pairing): PairingLink {
    const id = seq * MESSAGES_PER_FRAME + index;
    const partner = this.#partner.get(id);
    if (pairing.role === 'request') {
      const latencyMs = partner === undefined ? undefined : this.#latency.get(partner);
      return {
        role: 'request',
        reply: partner === undefined || latencyMs === undefined ? null : pairedWith(partner, latencyMs),
      };
    }
    const latencyMs = this.#latency.get(id);
    return {
      role: 'reply',
      request: partner === undefined || latencyMs === undefined ? null : pairedWith(partner, latencyMs),
    };
  }
}

function pairedWith(id: number, latencyMs: number): PairedWith {
  return { seq: Math.floor(id / MESSAGES_PER_FRAME), latencyMs };
}

/** Milliseconds as Frame details shows a latency: a decimal under 10 ms (loopback replies), whole ones above. */
export function formatLatency(ms: number): string {
  const rounded = ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms);
  return `${rounded} ms`;
}

/** `answers #12 in 3 ms`, `answered by #14 in 3 ms`, `unanswered`: what Frame details says of an exchange. */
export function describeLink(link: PairingLink): string {
  if (link.role === 'request') {
    return link.reply === null
      ? 'unanswered'
      : `answered by #${link.reply.seq} in ${formatLatency(link.reply.latencyMs)}`;
  }
  return link.request === null
    ? 'answers no request on record'
    : `answers #${link.request.seq} in ${formatLatency(link.request.latencyMs)}`;
}
