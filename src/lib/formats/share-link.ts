import { parseBase64, toBase64 } from '../encoding/base64';
import type { Result } from '../result';

/**
 * A small session travels inside a link: the native file, deflated and base64url-encoded, in the URL fragment,
 * which browsers never send to a server. Opening the link imports the session.
 */
export const SHARE_PARAMETER = 'session';
/** Links longer than this break in chat apps and mail clients: a bigger session is shared as a file. */
export const MAX_SHARE_FRAGMENT_CHARS = 64 * 1024;
/** A fragment inflates to at most this much, so a crafted link cannot fill memory. */
const MAX_SHARED_BYTES = 32 * 1024 ** 2;

export async function encodeShareFragment(file: Blob): Promise<Result<string>> {
  const deflated = await new Response(
    file.stream().pipeThrough(new CompressionStream('deflate-raw')),
  ).bytes();
  const encoded = toBase64Url(deflated);
  const fragment = `${SHARE_PARAMETER}=${encoded}`;
  if (fragment.length > MAX_SHARE_FRAGMENT_CHARS) {
    return {
      ok: false,
      error: `This session is too large for a link (${Math.ceil(fragment.length / 1024)} KB compressed; links carry up to ${MAX_SHARE_FRAGMENT_CHARS / 1024} KB). Share or export it as a file instead.`,
    };
  }
  return { ok: true, value: fragment };
}

/** The shared file in a location hash, undefined when the hash carries none. */
export function sharedFragment(hash: string): string | undefined {
  const prefix = `#${SHARE_PARAMETER}=`;
  return hash.startsWith(prefix) ? hash.slice(prefix.length) : undefined;
}

export async function decodeShareFragment(encoded: string): Promise<Result<Blob>> {
  const deflated = fromBase64Url(encoded);
  if (deflated === undefined)
    return { ok: false, error: 'This share link is damaged: it is not valid base64url.' };
  try {
    const reader = new Blob([deflated])
      .stream()
      .pipeThrough(new DecompressionStream('deflate-raw'))
      .getReader();
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let total = 0;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      total += next.value.byteLength;
      if (total > MAX_SHARED_BYTES) {
        await reader.cancel();
        return { ok: false, error: 'This share link inflates to more than a share link may carry.' };
      }
      parts.push(next.value);
    }
    return { ok: true, value: new Blob(parts) };
  } catch {
    return { ok: false, error: 'This share link is damaged: its data does not decompress.' };
  }
}

/** base64url without padding: what a URL fragment carries unescaped. */
function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Only base64url is a share link; the codec then reads it. */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = parseBase64(text);
  return bytes.ok ? bytes.value : undefined;
}
