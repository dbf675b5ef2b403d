/**
 * The bundled sandbox's routes a newcomer can try at once (see sandbox/routes.js), each with the query that shows
 * it off, and the URL one makes on the sandbox the bar already points at.
 */
export interface SandboxPath {
  path: string;
  does: string;
}

export const SANDBOX_PATHS: readonly SandboxPath[] = [
  { path: '/echo', does: 'echoes every message' },
  { path: '/chat?name=ann', does: 'a chat room: open it in a second tab as another name' },
  { path: '/stream?count=1000&rate=100', does: 'a thousand numbered messages, a hundred a second' },
  { path: '/binary', does: 'answers with binary frames' },
  { path: '/close?code=4000&reason=bye', does: 'closes with the code and reason in its URL' },
  { path: '/drop', does: 'drops the connection without a closing handshake' },
];

const ORIGIN = /^wss?:\/\/[^/?#\s]+/i;

/**
 * `path` on the server the bar's URL names, as the sandbox is wherever the bar's default points (another port
 * under `SANDBOX_PORT`, another host when served elsewhere); on `fallback`'s when the bar holds no ws:// URL.
 */
export function sandboxUrl(barUrl: string, path: string, fallback: string): string {
  const origin = ORIGIN.exec(barUrl.trim())?.[0] ?? ORIGIN.exec(fallback)?.[0] ?? '';
  return origin + path;
}
