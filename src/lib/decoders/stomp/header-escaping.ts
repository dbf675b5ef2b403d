import type { Result } from '../../result';

/**
 * Header escaping (STOMP 1.2 §Value Encoding): 1.0 has none, 1.1 escapes LF, colon and backslash, 1.2 adds CR.
 * CONNECT and CONNECTED are never escaped (the caller skips them). An undefined escape is a fatal protocol error.
 */

export type StompVersion = '1.0' | '1.1' | '1.2';

const UNESCAPED: Record<string, string> = { n: '\n', c: ':', '\\': '\\', r: '\r' };

export function unescapeHeader(value: string, version: StompVersion): Result<string, string> {
  if (version === '1.0' || !value.includes('\\')) return { ok: true, value };
  let undefinedEscape: string | undefined;
  const unescaped = value.replace(/\\([\s\S]?)/g, (escape, letter: string) => {
    const replacement = letter === 'r' && version === '1.1' ? undefined : UNESCAPED[letter];
    if (replacement === undefined) undefinedEscape ??= escape;
    return replacement ?? escape;
  });
  if (undefinedEscape !== undefined) {
    return { ok: false, error: `“${undefinedEscape}” is not an escape STOMP ${version} defines` };
  }
  return { ok: true, value: unescaped };
}

/** Escapes as STOMP 1.2 (and stompjs) does; 1.1 servers read it too, except for a CR, which 1.1 cannot carry. */
export function escapeHeader(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');
}
