const encoder = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * A text of megabytes as UTF-8, three times as fast as `utf8Bytes` in Chromium: its `encode` turns such strings
 * into bytes at about 40 MB/s, `encodeInto` a buffer at 100–140 (measured in a worker, 2026-12-01). The buffer
 * is sized for a byte a character and an eighth more, and grown once when the text needs more.
 */
export function utf8BytesOfLongText(text: string): Uint8Array {
  const first = new Uint8Array(text.length + (text.length >> 3) + 16);
  const { read, written } = encoder.encodeInto(text, first);
  if (read === text.length) return first.subarray(0, written);
  // Three bytes for each UTF-16 unit left is always enough (a surrogate pair's two make four).
  const bytes = new Uint8Array(written + (text.length - read) * 3);
  bytes.set(first.subarray(0, written));
  const rest = encoder.encodeInto(text.slice(read), bytes.subarray(written));
  return bytes.subarray(0, written + rest.written);
}

/** The UTF-8 length of a string without allocating its bytes. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3; // a lone surrogate is sent as U+FFFD, three bytes
    } else length += 3;
  }
  return length;
}

/**
 * Decodes bytes as UTF-8 for display. Invalid sequences become U+FFFD, and the caller learns that they did,
 * so a binary frame is never silently shown as if it were clean text.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), valid: false };
  }
}
