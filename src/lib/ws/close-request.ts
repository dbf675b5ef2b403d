import type { Result } from '../result';
import { utf8Length } from '../encoding/utf8';

/** A page may only send 1000 or a code from 3000 to 4999, and a reason of at most 123 UTF-8 bytes. */
export const MAX_CLOSE_REASON_BYTES = 123;

export function checkCloseRequest(
  codeText: string,
  reason: string,
): Result<{ code: number; reason: string }> {
  const trimmed = codeText.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: 'The close code must be a whole number.' };
  const code = Number(trimmed);
  if (code !== 1000 && (code < 3000 || code > 4999)) {
    return {
      ok: false,
      error: `A page can only close with 1000 or a code from 3000 to 4999; ${code} is reserved for the browser and servers.`,
    };
  }
  const bytes = utf8Length(reason);
  if (bytes > MAX_CLOSE_REASON_BYTES) {
    return {
      ok: false,
      error: `The reason is ${bytes} bytes in UTF-8; the limit is ${MAX_CLOSE_REASON_BYTES}.`,
    };
  }
  return { ok: true, value: { code, reason } };
}
