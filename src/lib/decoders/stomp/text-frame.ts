import type { StompVersion } from './header-escaping';
import type { LoneFrame } from './lone-frame';
import { endOfLine, loneFrameIn } from './lone-frame';
import { fieldsOf, headersOf, textBodyOf } from './message';

/**
 * Where a text and the UTF-8 the decoder reads may differ: a lone surrogate comes back as U+FFFD, and a byte order
 * mark that opens a line or the body is dropped. Any surrogate or mark sends the text to the decoder.
 */
const UNSURE_TEXT = /[\uD800-\uDFFF\uFEFF]/;

/**
 * The fields a frame's message has beside its headers, over them, and `__proto__`, which only reading every header
 * defines safely: a query on one of these reads the whole frame.
 */
const OWN_FIELDS = new Set(['command', 'type', 'body', '__proto__']);

/**
 * The header a query's first key names, when fieldsOfLoneText may read that header alone: not a field of the
 * message's own, nor a name only an escape can write (a colon or line break in it).
 */
export function headerQueried(key: string | undefined): string | undefined {
  return key === undefined || OWN_FIELDS.has(key) || /[:\r\n]/.test(key) ? undefined : key;
}

/**
 * The fields of a text that is one whole frame of a plain command (and nothing more but end-of-lines), read from
 * the text itself, as decoding its UTF-8 gives them in a session with nothing of a split frame waiting in that
 * direction: a filter reads them for each frame that may match, and re-encoding and parsing the bytes is most of
 * its cost. Given `header` (see headerQueried), only that header is read, when no escape may change any:
 * `{ destination: … }`, or none when the frame has no such header. Undefined for any other text (a split, cut or
 * unusual frame, several frames, an error, the handshake): the decoder reads those.
 */
export function fieldsOfLoneText(
  text: string,
  version: StompVersion,
  header?: string,
): Record<string, unknown> | undefined {
  const frame = loneFrameIn(text);
  if (frame === undefined || UNSURE_TEXT.test(text)) return undefined;
  const escapes = version !== '1.0' && text.lastIndexOf('\\', frame.bodyStart) >= frame.headersStart;
  if (header !== undefined && !escapes) return oneHeaderOf(text, frame, header);
  const headers = headersOf(frame.command, headerLines(text, frame), version);
  if (!headers.ok) return undefined;
  const body = textBodyOf(text.slice(frame.bodyStart, frame.bodyEnd), headers.value['content-type']);
  return fieldsOf(frame.command, headers.value, body);
}

/** The first `name` header of a frame without escapes, as its only field. */
function oneHeaderOf(text: string, frame: LoneFrame, name: string): Record<string, unknown> {
  const prefix = `${name}:`;
  for (let cursor = frame.headersStart; cursor < frame.bodyStart;) {
    const lf = text.indexOf('\n', cursor);
    if (text.startsWith(prefix, cursor))
      return { [name]: text.slice(cursor + prefix.length, endOfLine(text, cursor, lf)) };
    cursor = lf + 1;
  }
  return {};
}

/** A frame's header lines as name and value, escaped as written. */
function headerLines(text: string, frame: LoneFrame): [string, string][] {
  const lines: [string, string][] = [];
  for (let cursor = frame.headersStart; ;) {
    const lf = text.indexOf('\n', cursor);
    const end = endOfLine(text, cursor, lf);
    if (end === cursor) return lines;
    const colon = text.indexOf(':', cursor);
    lines.push([text.slice(cursor, colon), text.slice(colon + 1, end)]);
    cursor = lf + 1;
  }
}
