import type { Result } from '../../result';
import { COMMANDS } from './commands';

/**
 * Splits bytes into STOMP frames (STOMP 1.2 §Augmented BNF): `command EOL *(header EOL) EOL *OCTET NUL *(EOL)`,
 * EOL = [CR] LF. Header values come out as written (unescaping depends on the version, which the session knows).
 */

export interface RawFrame {
  command: string;
  /** In wire order, repeats kept: the first of a repeated header is the one that counts. */
  headers: [string, string][];
  body: Uint8Array;
}

export interface ParsedBytes {
  frames: RawFrame[];
  /** Only end-of-lines: a heart-beat. */
  heartbeat: boolean;
  /** The start of a frame whose end has not arrived (a client may split a large frame over several messages). */
  rest?: Uint8Array;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseFrames(bytes: Uint8Array): Result<ParsedBytes, string> {
  const frames: RawFrame[] = [];
  let pos = skipEols(bytes, 0);
  const heartbeat = bytes.length > 0 && pos === bytes.length;
  while (pos < bytes.length) {
    const parsed = parseFrame(bytes, pos);
    if (!parsed.ok)
      return {
        ok: false,
        error: frames.length ? `frame ${frames.length + 1}: ${parsed.error}` : parsed.error,
      };
    if (parsed.value === 'incomplete')
      return { ok: true, value: { frames, heartbeat, rest: bytes.subarray(pos) } };
    frames.push(parsed.value.frame);
    pos = skipEols(bytes, parsed.value.end);
  }
  return { ok: true, value: { frames, heartbeat } };
}

function skipEols(bytes: Uint8Array, from: number): number {
  let pos = from;
  for (;;) {
    if (bytes[pos] === LF) pos += 1;
    else if (bytes[pos] === CR && bytes[pos + 1] === LF) pos += 2;
    else return pos;
  }
}

type FrameEnd = { frame: RawFrame; end: number } | 'incomplete';

function parseFrame(bytes: Uint8Array, start: number): Result<FrameEnd, string> {
  const lines: string[] = [];
  let cursor = start;
  for (;;) {
    const lf = bytes.indexOf(LF, cursor);
    if (lf < 0)
      return lines.length ? { ok: true, value: 'incomplete' } : unfinishedCommand(bytes.subarray(start));
    const lineEnd = lf > cursor && bytes[lf - 1] === CR ? lf - 1 : lf;
    const line = decodeUtf8(bytes.subarray(cursor, lineEnd));
    if (line === undefined) return { ok: false, error: `line ${lines.length + 1} is not valid UTF-8` };
    cursor = lf + 1;
    if (lines.length === 0 && !COMMANDS.includes(line)) {
      return { ok: false, error: `“${clip(line)}” is not a STOMP command` };
    }
    if (line === '' && lines.length > 0) break;
    lines.push(line);
  }
  const [command = '', ...headerLines] = lines;
  const headers: [string, string][] = [];
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon < 0) return { ok: false, error: `${command}: header line “${clip(line)}” has no colon` };
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  const bodyStart = cursor;
  const contentLength = headers.find(([name]) => name === 'content-length')?.[1];
  let bodyEnd: number;
  if (contentLength !== undefined) {
    if (!/^\d+$/.test(contentLength)) {
      return {
        ok: false,
        error: `${command}: content-length “${clip(contentLength)}” is not a number of octets`,
      };
    }
    bodyEnd = bodyStart + Number(contentLength);
    if (bodyEnd >= bytes.length) return { ok: true, value: 'incomplete' };
    if (bytes[bodyEnd] !== NUL) {
      return {
        ok: false,
        error: `${command}: the octet after the ${contentLength}-octet body is not the NUL that ends a frame`,
      };
    }
  } else {
    bodyEnd = bytes.indexOf(NUL, bodyStart);
    if (bodyEnd < 0) return { ok: true, value: 'incomplete' };
  }
  return {
    ok: true,
    value: { frame: { command, headers, body: bytes.subarray(bodyStart, bodyEnd) }, end: bodyEnd + 1 },
  };
}

/** Bytes with no end of line yet: the start of a frame if they begin a command, garbage otherwise. */
function unfinishedCommand(bytes: Uint8Array): Result<FrameEnd, string> {
  const head = decodeUtf8(bytes.subarray(0, 12)) ?? '';
  const text = head.endsWith('\r') ? head.slice(0, -1) : head;
  if (bytes.length <= 12 && COMMANDS.some((command) => command.startsWith(text)))
    return { ok: true, value: 'incomplete' };
  return { ok: false, error: `“${clip(head)}” does not start a STOMP frame (a command and an end of line)` };
}

export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Keeps quoted input short in an error message. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
