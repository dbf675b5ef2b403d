/** Commands that move a session on (the handshake, the negotiated version). */
const NEGOTIATING = ['CONNECT', 'STOMP', 'ERROR'];
const CONTENT_LENGTH_LINE = '\ncontent-length:';

/**
 * Whether decoding a text, with nothing of a split frame waiting before it, leaves nothing waiting after it and
 * negotiates nothing: it is heart-beats, or one frame ending the text (its body up to the first NUL, or as many
 * octets as its content-length says), or it is no frame at all. Any other text may hold the start of a frame or
 * several frames, and is decoded: this answers no when unsure.
 */
export function leavesNothing(text: string): boolean {
  if (NEGOTIATING.some((command) => text.includes(command))) return false;
  const start = skipEols(text, 0);
  if (start === text.length) return true;
  // The headers end at the first empty line. Searched for, not split into lines: a filter asks this of each frame.
  const blank = firstOf(text.indexOf('\n\n', start), text.indexOf('\n\r\n', start));
  if (blank < 0) return false;
  const bodyStart = blank + (text[blank + 1] === '\r' ? 3 : 2);
  const counted = contentLength(text, start, blank);
  const end = counted === undefined ? text.indexOf('\0', bodyStart) : text.lastIndexOf('\0');
  if (end < bodyStart || skipEols(text, end + 1) !== text.length) return false;
  return counted === undefined || utf8Length(text, bodyStart, end) === Number(counted);
}

/**
 * The first content-length header's value among the header lines of text[start, end), as the frame parser finds
 * it; a line's CR before its LF is not kept.
 */
function contentLength(text: string, start: number, end: number): string | undefined {
  const at = text.indexOf(CONTENT_LENGTH_LINE, start);
  if (at < 0 || at >= end) return undefined;
  const valueStart = at + CONTENT_LENGTH_LINE.length;
  return text.slice(valueStart, text.indexOf('\n', valueStart)).replace(/\r$/, '');
}

/** The first of two positions a search found, or -1 when neither was. */
function firstOf(a: number, b: number): number {
  return a < 0 || (b >= 0 && b < a) ? b : a;
}

export function skipEols(text: string, from: number): number {
  let pos = from;
  for (;;) {
    if (text[pos] === '\n') pos += 1;
    else if (text[pos] === '\r' && text[pos + 1] === '\n') pos += 2;
    else return pos;
  }
}

/** How many octets TextEncoder writes for text[from, to): a lone surrogate becomes U+FFFD, three octets. */
export function utf8Length(text: string, from: number, to: number): number {
  let octets = 0;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) octets += 1;
    else if (unit < 0x800) octets += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      octets += 4;
      i += 1;
    } else octets += 3;
  }
  return octets;
}
