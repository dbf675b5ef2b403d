/** Commands that move a session on (the handshake, the negotiated version). */
const NEGOTIATING = ['CONNECT', 'STOMP', 'ERROR'];
const BLANK_LINE = /\n\r?\n/g;
const CONTENT_LENGTH = 'content-length:';

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
  // The headers end at the first empty line.
  BLANK_LINE.lastIndex = start;
  const blank = BLANK_LINE.exec(text);
  if (blank === null) return false;
  const bodyStart = blank.index + blank[0].length;
  const counted = contentLength(text.slice(start, blank.index));
  const end = counted === undefined ? text.indexOf('\0', bodyStart) : text.lastIndexOf('\0');
  if (end < bodyStart || skipEols(text, end + 1) !== text.length) return false;
  return counted === undefined || utf8Length(text, bodyStart, end) === Number(counted);
}

/** The first content-length header's value, as the frame parser finds it; a line's CR before its LF is not kept. */
function contentLength(head: string): string | undefined {
  const lines = head.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith(CONTENT_LENGTH)) return line.slice(CONTENT_LENGTH.length).replace(/\r$/, '');
  }
  return undefined;
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
