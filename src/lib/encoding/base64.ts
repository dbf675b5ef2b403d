import type { Result } from '../result';

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

/** Parses standard or URL-safe base64, with or without padding, ignoring white space. */
export function parseBase64(input: string): Result<Uint8Array<ArrayBuffer>> {
  const compact = input.replace(/\s+/g, '');
  if (!STANDARD.test(compact) && !URL_SAFE.test(compact)) {
    const bad = compact.search(/[^A-Za-z0-9+/_=-]/);
    const what =
      bad >= 0 ? `“${compact[bad]}” is not a base64 character` : 'mixes “+/” with “-_” or misplaces “=”';
    return { ok: false, error: `Not valid base64: ${what}` };
  }
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) {
    return { ok: false, error: 'Not valid base64: the length is one character too long or too short' };
  }
  const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { ok: true, value: bytes };
}

/** Chunked so a large payload does not overflow the argument limit of String.fromCharCode. */
const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
