import { parseBase64, toBase64 } from '../encoding/base64';
import { tryParseJson } from '../encoding/json';
import type { Result } from '../result';
import { checkNativeHeader } from './native';

/**
 * A small session travels inside a link: the native file, deflated and base64url-encoded, in the URL fragment,
 * which browsers never send to a server. Opening the link imports the session. A link is something anyone can
 * send, so it carries the native format only (never a HAR, whose import can create profiles) and inflates to a
 * bounded size.
 */
import { SHARE_PARAMETER } from './share-fragment';

export { SHARE_PARAMETER };
/** Links longer than this break in chat apps and mail clients: a bigger session is shared as a file. */
export const MAX_SHARE_FRAGMENT_CHARS = 64 * 1024;
/**
 * A fragment inflates to at most this much. The app's own links are at most 64 KB of deflated text, which
 * inflates to well under this (recorded sessions compress 5 to 10 times); a crafted link cannot fill memory.
 */
export const MAX_SHARED_BYTES = 4 * 1024 ** 2;
/**
 * Nor may it inflate more than this many times its size, once past the first 64 KB (tiny inputs have wild
 * ratios): a deflate bomb is refused at once, not after 4 MB of work.
 */
export const MAX_INFLATION_RATIO = 20;
const RATIO_FREE_BYTES = 64 * 1024;

export async function encodeShareFragment(file: Blob): Promise<Result<string>> {
  if (file.size > MAX_SHARED_BYTES) return { ok: false, error: tooLargeForLink(file.size) };
  const deflated = await new Response(
    file.stream().pipeThrough(new CompressionStream('deflate-raw')),
  ).bytes();
  if (exceedsRatio(file.size, deflated.byteLength)) {
    return {
      ok: false,
      error: `This session is too repetitive for a link: it compresses more than ${MAX_INFLATION_RATIO} times, which links refuse as a safeguard. Share or export it as a file instead.`,
    };
  }
  const fragment = `${SHARE_PARAMETER}=${toBase64Url(deflated)}`;
  if (fragment.length > MAX_SHARE_FRAGMENT_CHARS) return { ok: false, error: tooLargeForLink(file.size) };
  return { ok: true, value: fragment };
}

/**
 * The WS Inspector session a link carries, or why there is none: damaged data, a file of another kind, or more
 * data than a link may carry. Never throws.
 */
export async function decodeShareFragment(encoded: string): Promise<Result<Blob>> {
  if (encoded.length > MAX_SHARE_FRAGMENT_CHARS * 2) {
    return { ok: false, error: 'This share link is longer than any link WS Inspector makes.' };
  }
  const deflated = fromBase64Url(encoded);
  if (deflated === undefined)
    return { ok: false, error: 'This share link is damaged: it is not valid base64url.' };
  const inflated = await inflate(deflated);
  if (!inflated.ok) return inflated;
  const file = new Blob(inflated.value);
  const first = tryParseJson(await firstLine(file));
  const header = checkNativeHeader(first.ok ? first.value : undefined);
  if (!header.ok) {
    return {
      ok: false,
      error: `This share link does not carry a WS Inspector session, and links carry nothing else. ${header.error}`,
    };
  }
  return { ok: true, value: file };
}

async function inflate(deflated: Uint8Array<ArrayBuffer>): Promise<Result<Uint8Array<ArrayBuffer>[]>> {
  const reader = new Blob([deflated])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      total += next.value.byteLength;
      if (total > MAX_SHARED_BYTES || exceedsRatio(total, deflated.byteLength)) {
        await reader.cancel().catch(() => undefined);
        return {
          ok: false,
          error: `This share link inflates to more than a link may carry (${MAX_SHARED_BYTES / 1024 ** 2} MB, or ${MAX_INFLATION_RATIO} times its size): it was not opened.`,
        };
      }
      parts.push(next.value);
    }
  } catch {
    return { ok: false, error: 'This share link is damaged: its data does not decompress.' };
  }
  return { ok: true, value: parts };
}

function exceedsRatio(inflated: number, deflated: number): boolean {
  return inflated > RATIO_FREE_BYTES && inflated > deflated * MAX_INFLATION_RATIO;
}

/** The first line of the file: the header of a native file. */
async function firstLine(file: Blob): Promise<string> {
  const text = await file.text();
  const newline = text.indexOf('\n');
  return newline < 0 ? text : text.slice(0, newline);
}

function tooLargeForLink(bytes: number): string {
  return `This session is too large for a link (${Math.ceil(bytes / 1024)} KB; links carry up to ${MAX_SHARE_FRAGMENT_CHARS / 1024} KB compressed). Share or export it as a file instead.`;
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
