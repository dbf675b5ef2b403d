import { COMMANDS } from './commands';

/**
 * Commands whose frame moves a session on in nothing: not the handshake (CONNECT, STOMP, CONNECTED, which also
 * skip header escaping) nor ERROR, which may answer it.
 */
const PLAIN_COMMANDS = new Set(
  COMMANDS.filter((command) => !['CONNECT', 'STOMP', 'CONNECTED', 'ERROR'].includes(command)),
);
const CONTENT_LENGTH = 'content-length:';
const DIGITS = /^\d+$/;
const CR = 0x0d;

/** Where the parts of a text holding one whole frame of a plain command lie in it; nothing is copied. */
export interface LoneFrame {
  command: string;
  /** Where its first header line starts, just after the command line. */
  headersStart: number;
  bodyStart: number;
  /** Where its closing NUL is. */
  bodyEnd: number;
}

/**
 * The frame a text holds, when decoding it, with nothing of a split frame waiting before it, gives one whole frame
 * of a plain command (after any heart-beats), leaves nothing waiting after it and negotiates nothing: its headers
 * are lines of `name:value` up to an empty line, and its body ends the text (but for end-of-lines) at the first
 * NUL, or after as many octets as its first content-length says. Undefined for any other text: this answers no
 * when unsure. A filter asks this of each frame, so the lines are walked in place, not split.
 */
export function loneFrameIn(text: string): LoneFrame | undefined {
  const start = skipEols(text, 0);
  let lf = text.indexOf('\n', start);
  if (lf < 0) return undefined;
  const command = text.slice(start, endOfLine(text, start, lf));
  if (!PLAIN_COMMANDS.has(command)) return undefined;
  const headersStart = lf + 1;
  let contentLength: string | undefined;
  for (let cursor = headersStart; ; cursor = lf + 1) {
    lf = text.indexOf('\n', cursor);
    if (lf < 0) return undefined;
    const end = endOfLine(text, cursor, lf);
    if (end === cursor) break;
    const colon = text.indexOf(':', cursor);
    if (colon < 0 || colon >= end) return undefined;
    // The frame parser counts the first content-length as written, before unescaping.
    if (contentLength === undefined && text.startsWith(CONTENT_LENGTH, cursor)) {
      contentLength = text.slice(cursor + CONTENT_LENGTH.length, end);
    }
  }
  const bodyStart = lf + 1;
  const bodyEnd = contentLength === undefined ? text.indexOf('\0', bodyStart) : text.lastIndexOf('\0');
  if (bodyEnd < bodyStart || skipEols(text, bodyEnd + 1) !== text.length) return undefined;
  if (contentLength !== undefined) {
    if (!DIGITS.test(contentLength)) return undefined;
    if (utf8Length(text, bodyStart, bodyEnd) !== Number(contentLength)) return undefined;
  }
  return { command, headersStart, bodyStart, bodyEnd };
}

/**
 * Whether decoding a text, with nothing of a split frame waiting before it, leaves nothing waiting after it and
 * negotiates nothing: it is heart-beats, or one whole frame of a plain command (see loneFrameIn).
 */
export function leavesNothing(text: string): boolean {
  return skipEols(text, 0) === text.length || loneFrameIn(text) !== undefined;
}

/** Where a line ends before its LF: a CR just before the LF is not part of it, as the frame parser reads it. */
export function endOfLine(text: string, start: number, lf: number): number {
  return lf > start && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
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
