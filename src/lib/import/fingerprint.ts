import type { ImportSource } from '../formats/import-source';

/** How much of a file's start the fingerprint reads: the header and the first records, never the whole file. */
export const FINGERPRINT_HEAD_BYTES = 64 * 1024;

/**
 * What tells a file imported before from a new one: its size and a SHA-256 of its first 64 KiB.
 *
 * Why these: the same file chosen again has both, even renamed (a browser saves a second download as "x (1).har",
 * so the name is left out), while a longer recording of the same connection differs in size, and another capture
 * differs in its first records' times. The session's own header (its startedAt) is not used: a HAR has no header
 * of ours and may hold several sessions, and two exports of one session cut at different points share it. Reading
 * only the start keeps the check instant for a 4 GB file.
 *
 * Null where the browser offers no digest (Web Crypto needs a secure context): the import then goes ahead unasked.
 */
export async function fileFingerprint(source: ImportSource): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const head = await readHead(source.stream(), FINGERPRINT_HEAD_BYTES);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', head));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${source.size}:${hex}`;
}

/** The stream's first `limit` bytes (fewer if it is shorter); the rest is never read. */
async function readHead(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const head = new Uint8Array(limit);
  let filled = 0;
  const reader = stream.getReader();
  try {
    while (filled < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.length, limit - filled);
      head.set(value.subarray(0, take), filled);
      filled += take;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return head.slice(0, filled);
}
