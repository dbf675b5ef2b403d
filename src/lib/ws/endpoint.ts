import { messageOf } from '../errors';
import type { Result } from '../result';

export interface UrlProblem {
  message: string;
  /** A corrected URL the person can accept with one click; never applied without asking. */
  fix?: string;
}

/**
 * A WebSocket or web scheme typed with its colon or slashes wrong: `ws//host`, `ws:/host`, `wss:\\host`, `http//host`,
 * `ws:host`. A colon alone counts only before a letter (`ws:8080` is the host "ws" and a port), slashes alone only
 * two or more (`ws/x` is the host "ws" and a path).
 */
const MISTYPED_SCHEME = /^(wss?|https?)(:[/\\]*(?=[a-z[])|:[/\\]+|[/\\]{2,})/i;

/** A one-click fix only when it yields a URL with a host: a fix that makes things worse is no fix. */
function fixIfValid(candidate: string): { fix?: string } {
  if (/\s/.test(candidate)) return {};
  try {
    return new URL(candidate).hostname === '' ? {} : { fix: candidate };
  } catch {
    return {};
  }
}

/**
 * Checks a URL typed into the connection bar before any connection is attempted.
 * The browser's own errors for these cases are terse SyntaxErrors, so we say what is wrong and how to fix it.
 */
export function checkWebSocketUrl(input: string): Result<string, UrlProblem> {
  const text = input.trim();
  if (text === '') return { ok: false, error: { message: 'Enter a ws:// or wss:// URL.' } };

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const typo = MISTYPED_SCHEME.exec(text);
    if (typo?.[1] !== undefined && typo[2] !== undefined) {
      const meant = /^(wss|https)$/i.test(typo[1]) ? 'wss' : 'ws';
      return {
        ok: false,
        error: {
          message: `The scheme is mistyped: “${typo[1]}${typo[2]}” should be “${meant}://”.`,
          ...fixIfValid(`${meant}://${text.slice(typo[0].length)}`),
        },
      };
    }
    return {
      ok: false,
      error: {
        message: 'The URL needs a scheme: ws:// or wss://.',
        ...fixIfValid(`ws://${text.replace(/^[:/\\]+/, '')}`),
      },
    };
  }
  if (scheme === 'http' || scheme === 'https') {
    const fixed = (scheme === 'https' ? 'wss' : 'ws') + text.slice(scheme.length);
    return {
      ok: false,
      error: {
        message: `WebSockets use ${scheme === 'https' ? 'wss' : 'ws'}://, not ${scheme}://.`,
        fix: fixed,
      },
    };
  }
  if (scheme !== 'ws' && scheme !== 'wss') {
    return {
      ok: false,
      error: { message: `“${scheme}://” is not a WebSocket scheme: use ws:// or wss://.` },
    };
  }

  // Engines disagree here: Chromium quietly percent-encodes a space in the host, Node and Firefox refuse it.
  if (/\s/.test(text)) {
    return {
      ok: false,
      error: { message: 'The URL contains white space: remove it, or write a space as %20.' },
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: { message: 'This is not a valid URL: check the host name and port.' } };
  }
  if (url.hostname === '') return { ok: false, error: { message: 'The URL has no host name.' } };
  if (url.hash !== '') {
    return {
      ok: false,
      error: { message: 'A WebSocket URL cannot have a #fragment.', fix: text.slice(0, text.indexOf('#')) },
    };
  }
  return { ok: true, value: url.href };
}

/** Whether the browser will refuse this URL as mixed content from the current page. */
export function isBlockedMixedContent(url: string, pageProtocol: string): boolean {
  if (pageProtocol !== 'https:' || !url.startsWith('ws:')) return false;
  const host = new URL(url).hostname;
  // Browsers treat loopback hosts as potentially trustworthy and let ws:// through to them.
  return !(host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]');
}

export const MIXED_CONTENT_EXPLANATION =
  'This page was loaded over https, and browsers block unencrypted ws:// connections from secure pages. ' +
  'Use wss:// if the server offers it, or run WS Inspector from http://localhost (npm start) to reach ws:// servers.';

/** Why the WebSocket constructor refused, in words a person can act on. */
export function explainConstructorError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'SecurityError') {
    return `The browser refused the connection (SecurityError): ${MIXED_CONTENT_EXPLANATION}`;
  }
  if (error instanceof DOMException && error.name === 'SyntaxError') {
    return `The browser rejected the URL or subprotocols (SyntaxError): ${error.message}`;
  }
  return `The connection could not be started: ${messageOf(error)}`;
}
