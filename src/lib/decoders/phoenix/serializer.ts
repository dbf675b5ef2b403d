import type { Result } from '../../result';

/**
 * Phoenix Channels messages (phoenix `assets/js/phoenix/serializer.js`): v2 text `[join_ref, ref, topic, event,
 * payload]`, v1 text `{join_ref, ref, topic, event, payload}`, and v2 binary: byte 0 the kind (0 push, 1 reply,
 * 2 broadcast), byte lengths of the strings that follow, then the payload's raw bytes.
 */
export interface PhoenixMessage {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

export function parseText(text: string): Result<PhoenixMessage, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (Array.isArray(value)) {
    const [joinRef, ref, topic, event, payload] = value as unknown[];
    if (value.length !== 5)
      return { ok: false, error: 'a v2 message is [join_ref, ref, topic, event, payload]' };
    return checked({ joinRef, ref, topic, event, payload });
  }
  if (typeof value === 'object' && value !== null) {
    const { join_ref: joinRef = null, ref = null, topic, event, payload } = value as Record<string, unknown>;
    return checked({ joinRef, ref, topic, event, payload });
  }
  return { ok: false, error: 'a message is a [join_ref, ref, topic, event, payload] array' };
}

function checked(message: Record<keyof PhoenixMessage, unknown>): Result<PhoenixMessage, string> {
  const { joinRef, ref, topic, event, payload } = message;
  const isRef = (value: unknown) => value === null || value === undefined || typeof value === 'string';
  if (!isRef(joinRef) || !isRef(ref)) return { ok: false, error: 'join_ref and ref are strings or null' };
  if (typeof topic !== 'string' || typeof event !== 'string')
    return { ok: false, error: 'topic and event are strings' };
  return {
    ok: true,
    value: {
      joinRef: (joinRef as string | null) ?? null,
      ref: (ref as string | null) ?? null,
      topic,
      event,
      payload,
    },
  };
}

const KINDS = ['push', 'reply', 'broadcast'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseBinary(bytes: Uint8Array): Result<PhoenixMessage & { kind: string }, string> {
  const kind = KINDS[bytes[0] ?? -1];
  if (kind === undefined)
    return { ok: false, error: 'byte 0 of a binary message is its kind: 0 push, 1 reply, 2 broadcast' };
  // push: join_ref, ref, topic, event; reply: join_ref, ref, topic, status; broadcast: topic, event.
  const count = kind === 'broadcast' ? 2 : 4;
  const sizes = Array.from(bytes.subarray(1, 1 + count));
  if (sizes.length < count) return { ok: false, error: 'the header is cut short' };
  const strings: string[] = [];
  let pos = 1 + count;
  for (const size of sizes) {
    if (pos + size > bytes.length) return { ok: false, error: 'a string runs past the end' };
    try {
      strings.push(utf8.decode(bytes.subarray(pos, pos + size)));
    } catch {
      return { ok: false, error: 'a header string is not UTF-8' };
    }
    pos += size;
  }
  const data = { $bytes: Array.from(bytes.subarray(pos), (b) => b.toString(16).padStart(2, '0')).join('') };
  if (kind === 'broadcast')
    return {
      ok: true,
      value: { kind, joinRef: null, ref: null, topic: strings[0]!, event: strings[1]!, payload: data },
    };
  const [joinRef = '', ref = '', topic = '', last = ''] = strings;
  if (kind === 'push') return { ok: true, value: { kind, joinRef, ref, topic, event: last, payload: data } };
  return {
    ok: true,
    value: { kind, joinRef, ref, topic, event: 'phx_reply', payload: { status: last, response: data } },
  };
}
