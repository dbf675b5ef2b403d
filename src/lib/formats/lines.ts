/** A line of a file, or the mark of one too long to read, which the reader skips and counts. */
export type Line = { text: string; tooLong: false } | { text: ''; tooLong: true };

/**
 * Splits a byte stream into lines as it arrives, so a file of any length is read with one line in memory.
 * Bytes that are not UTF-8 become U+FFFD (the record then fails its own checks, or keeps the replacement in its
 * text); a line longer than `maxLineChars` is dropped as it streams and reported as too long.
 */
export async function* readLines(
  stream: ReadableStream<Uint8Array>,
  maxLineChars: number,
): AsyncGenerator<Line> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let pending = '';
  let skipping = false;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let start = 0;
      for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', start)) {
        const text = pending.slice(start, newline).replace(/\r$/, '');
        start = newline + 1;
        if (skipping) skipping = false;
        else if (text.length > maxLineChars) yield { text: '', tooLong: true };
        else yield { text, tooLong: false };
      }
      pending = pending.slice(start);
      if (pending.length > maxLineChars) {
        // The rest of this line is thrown away as it arrives: never buffered whole.
        if (!skipping) yield { text: '', tooLong: true };
        skipping = true;
        pending = '';
      }
      if (done) break;
    }
    finished = true;
    if (pending !== '' && !skipping) yield { text: pending.replace(/\r$/, ''), tooLong: false };
  } finally {
    // A reader that stops early (a refused header) lets go of the file.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
