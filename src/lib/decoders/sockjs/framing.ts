import type { Result } from '../../result';

/**
 * SockJS framing (sockjs-protocol, "Framing"). A server sends `o` (open), `h` (heartbeat), `a["m1","m2"]` (messages,
 * a JSON array of strings), `m"m1"` (one message, from old servers) and `c[3000,"Go away!"]` (close). A client sends
 * a JSON array of strings, or one JSON string (sockjs-node takes both).
 */
export type SockJsFrame =
  | { kind: 'open' }
  | { kind: 'heartbeat' }
  | { kind: 'messages'; messages: string[] }
  | { kind: 'close'; code: number; reason: string };

export function parseSockJsFrame(text: string, dir: 'in' | 'out'): Result<SockJsFrame, string> {
  if (dir === 'out') return messagesOf(text, 'a client sends a JSON array of strings');
  if (text === 'o') return { ok: true, value: { kind: 'open' } };
  if (text === 'h') return { ok: true, value: { kind: 'heartbeat' } };
  const body = text.slice(1);
  switch (text[0]) {
    case 'a':
      return messagesOf(body, '`a` is followed by a JSON array of strings');
    case 'm':
      return messagesOf(body, '`m` is followed by a JSON string');
    case 'c': {
      const parsed = parseJson(body);
      const [given, reason] = Array.isArray(parsed) ? (parsed as unknown[]) : [];
      // Some servers (sockjs-node given a string) write the code as a string of digits.
      const code = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : given;
      if (typeof code !== 'number' || typeof reason !== 'string') {
        return { ok: false, error: '`c` is followed by [code, "reason"]' };
      }
      return { ok: true, value: { kind: 'close', code, reason } };
    }
    default:
      return {
        ok: false,
        error: `a SockJS server frame starts with o, h, a, m or c, not “${text.slice(0, 10)}”`,
      };
  }
}

function messagesOf(json: string, expected: string): Result<SockJsFrame, string> {
  const parsed = parseJson(json);
  if (typeof parsed === 'string') return { ok: true, value: { kind: 'messages', messages: [parsed] } };
  if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
    return { ok: true, value: { kind: 'messages', messages: parsed } };
  }
  return { ok: false, error: expected };
}

/** `undefined` for text that is not JSON: no JSON text parses to it. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
