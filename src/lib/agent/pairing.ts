/**
 * The agent prints a pairing link whose fragment carries its token (`#agent-token=…`, and `agent-url=…` when it
 * is not on the default port). A fragment never reaches a server or its logs; main.ts should read it on start and
 * take it out of the address bar.
 */

export const DEFAULT_AGENT_URL = 'ws://127.0.0.1:8790';

export interface Pairing {
  token: string;
  url: string;
}

/** The pairing in a location hash (`#agent-token=…`), or null when it holds none. */
export function readPairing(hash: string): Pairing | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('agent-token');
  if (!token) return null;
  const url = params.get('agent-url');
  return {
    token,
    url: url && /^ws:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(url) ? url : DEFAULT_AGENT_URL,
  };
}
