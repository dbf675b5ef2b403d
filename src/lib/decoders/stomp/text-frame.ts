import { COMMANDS } from './commands';
import type { StompVersion } from './header-escaping';
import { skipEols, utf8Length } from './lone-frame';
import { fieldsOf, headersOf, textBodyOf } from './message';

/**
 * Commands whose frame moves a session on in nothing: not the handshake (CONNECT, STOMP, CONNECTED, which also
 * skip header escaping) nor ERROR, which may answer it.
 */
const PLAIN_COMMANDS = new Set(
  COMMANDS.filter((command) => !['CONNECT', 'STOMP', 'CONNECTED', 'ERROR'].includes(command)),
);
/**
 * Where a text and the UTF-8 the decoder reads may differ: a lone surrogate comes back as U+FFFD, and a byte order
 * mark that opens a line or the body is dropped. Any surrogate or mark sends the text to the decoder.
 */
const UNSURE_TEXT = /[\uD800-\uDFFF\uFEFF]/;
const DIGITS = /^\d+$/;
const CR = 0x0d;

/**
 * The fields of a text that is one whole frame of a plain command (and nothing more but end-of-lines), read from
 * the text itself, as decoding its UTF-8 gives them in a session with nothing of a split frame waiting in that
 * direction: a filter reads them for each frame that may match, and re-encoding and parsing the bytes is most of
 * its cost. Undefined for any other text (a split, cut or unusual frame, several frames, an error, the handshake):
 * the decoder reads those.
 */
export function fieldsOfLoneText(text: string, version: StompVersion): Record<string, unknown> | undefined {
  let lf = text.indexOf('\n');
  if (lf < 0) return undefined;
  const command = text.slice(0, endOfLine(text, 0, lf));
  if (!PLAIN_COMMANDS.has(command) || UNSURE_TEXT.test(text)) return undefined;
  const escaped: [string, string][] = [];
  let contentLength: string | undefined;
  for (let cursor = lf + 1; ; cursor = lf + 1) {
    lf = text.indexOf('\n', cursor);
    if (lf < 0) return undefined;
    const end = endOfLine(text, cursor, lf);
    if (end === cursor) break;
    const colon = text.indexOf(':', cursor);
    if (colon < 0 || colon >= end) return undefined;
    const name = text.slice(cursor, colon);
    const value = text.slice(colon + 1, end);
    // The frame parser counts the first content-length as written, before unescaping.
    if (contentLength === undefined && name === 'content-length') contentLength = value;
    escaped.push([name, value]);
  }
  const bodyStart = lf + 1;
  const bodyEnd = contentLength === undefined ? text.indexOf('\0', bodyStart) : text.lastIndexOf('\0');
  if (bodyEnd < bodyStart || skipEols(text, bodyEnd + 1) !== text.length) return undefined;
  if (contentLength !== undefined) {
    if (!DIGITS.test(contentLength)) return undefined;
    if (utf8Length(text, bodyStart, bodyEnd) !== Number(contentLength)) return undefined;
  }
  const headers = headersOf(command, escaped, version);
  if (!headers.ok) return undefined;
  const body = textBodyOf(text.slice(bodyStart, bodyEnd), headers.value['content-type']);
  return fieldsOf(command, headers.value, body);
}

/** Where a line ends before its LF: a CR just before the LF is not part of it, as the frame parser reads it. */
function endOfLine(text: string, start: number, lf: number): number {
  return lf > start && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
}
