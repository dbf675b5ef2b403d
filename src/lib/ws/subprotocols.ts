import type { Result } from '../result';

/** RFC 6455 subprotocols are HTTP tokens: visible ASCII except separators. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Parses the comma-separated subprotocol list, in order of preference. */
export function parseSubprotocols(input: string): Result<string[]> {
  const protocols = input
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const seen = new Set<string>();
  for (const protocol of protocols) {
    if (!TOKEN.test(protocol)) {
      return {
        ok: false,
        error: `“${protocol}” is not a valid subprotocol: only letters, digits and !#$%&'*+-.^_\`|~ are allowed.`,
      };
    }
    if (seen.has(protocol)) return { ok: false, error: `“${protocol}” is listed twice.` };
    seen.add(protocol);
  }
  return { ok: true, value: protocols };
}
