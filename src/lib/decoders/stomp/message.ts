import type { Result } from '../../result';
import type { DecodedMessage, Pairing } from '../decoder';
import { withFields } from '../json-copy';
import { isHandshakeCommand } from './commands';
import { clip, decodeUtf8, type RawFrame } from './frame-parser';
import { type StompVersion, unescapeHeader } from './header-escaping';

/** A decoded STOMP frame. A SUBSCRIBE that also asks for a receipt takes part in two exchanges. */
export interface StompMessage extends DecodedMessage {
  /** Exchanges beyond `pairing`: a SUBSCRIBE's receipt, when its `pairing` is the subscription's MESSAGEs. */
  morePairings?: Pairing[];
}

/** What the tree shows: the composer's shape (`{command, headers, body}`), so a decoded frame can be sent again. */
export interface StompTree {
  command: string;
  /** The first of a repeated header counts (STOMP 1.2 §Repeated Header Entries). */
  headers: Record<string, string>;
  body?: string;
  /** Set when the body is JSON. */
  bodyJson?: unknown;
  /** Set instead of `body` when the body is not UTF-8. */
  bodyHex?: string;
  /** Every header in wire order, shown only when some name repeats. */
  allHeaders?: [string, string][];
}

export interface FrameContext {
  version: StompVersion;
  /** CONNECT was seen and neither CONNECTED nor ERROR yet: an ERROR without a receipt-id answers the CONNECT. */
  handshakePending: boolean;
}

export const HEARTBEAT: DecodedMessage = {
  type: 'heart-beat',
  summary: 'heart-beat',
  tree: { heartbeat: true },
  fields: { type: 'heart-beat' },
  control: true,
};

const PREVIEW_LENGTH = 100;

export function toMessage(raw: RawFrame, context: FrameContext): Result<StompMessage, string> {
  const unescaped = headersOf(raw.command, raw.headers, context.version);
  if (!unescaped.ok) return unescaped;
  const headers = unescaped.value;
  const tree: StompTree = { command: raw.command, headers, ...bodyOf(raw.body, headers['content-type']) };
  if (new Set(raw.headers.map(([name]) => name)).size < raw.headers.length) tree.allHeaders = raw.headers;

  const key = keyOf(raw.command, headers);
  const preview = tree.bodyHex === undefined ? oneLine(tree.body ?? '') : `(${raw.body.length} bytes)`;
  const message: StompMessage = {
    type: raw.command,
    summary: [raw.command, key, preview].filter(Boolean).join(' '),
    tree,
    fields: fieldsOf(raw.command, headers, tree),
  };
  if (key !== undefined) message.key = key;
  if (isHandshakeCommand(raw.command)) message.control = true;
  const [pairing, ...more] = pairingsOf(raw.command, headers, context);
  if (pairing) message.pairing = pairing;
  if (more.length) message.morePairings = more;
  return { ok: true, value: message };
}

/** A frame's headers as its message shows them: unescaped, the first of a repeated one counting. */
export function headersOf(
  command: string,
  escaped: readonly [string, string][],
  version: StompVersion,
): Result<Record<string, string>, string> {
  // Assigned one by one: a filter builds these for each frame it reads, and a Map made into an object is 5x slower.
  const headers: Record<string, string> = {};
  for (const [escapedName, escapedValue] of escaped) {
    const name = unescape(escapedName, command, version);
    const value = unescape(escapedValue, command, version);
    if (!name.ok) return { ok: false, error: `${command}: header name ${name.error}` };
    if (!value.ok) return { ok: false, error: `${command}: header ${name.value} ${value.error}` };
    if (Object.hasOwn(headers, name.value)) continue;
    if (name.value === '__proto__') {
      // Defined, not assigned: a header named `__proto__` stays a header rather than replacing the prototype.
      Object.defineProperty(headers, name.value, {
        value: value.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else headers[name.value] = value.value;
  }
  return { ok: true, value: headers };
}

/** What a filter reads of a frame: its headers, then its command (as `command` and `type`) and body over them. */
export function fieldsOf(
  command: string,
  headers: Record<string, string>,
  body: Partial<StompTree>,
): Record<string, unknown> {
  return withFields(headers, { command, type: command, body: body.bodyJson ?? body.body ?? body.bodyHex });
}

function unescape(text: string, command: string, version: StompVersion): Result<string, string> {
  return isHandshakeCommand(command) ? { ok: true, value: text } : unescapeHeader(text, version);
}

function bodyOf(body: Uint8Array, contentType: string | undefined): Partial<StompTree> {
  if (body.length === 0) return {};
  const text = decodeUtf8(body);
  if (text === undefined)
    return { bodyHex: Array.from(body, (b) => b.toString(16).padStart(2, '0')).join(' ') };
  return textBodyOf(text, contentType);
}

/** A body that is UTF-8, as its text: JSON parsed too when it looks like JSON. */
export function textBodyOf(text: string, contentType: string | undefined): Partial<StompTree> {
  if (text === '') return {};
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (looksJson) {
    try {
      return { body: text, bodyJson: JSON.parse(text) as unknown };
    } catch {
      // Not JSON after all: the text is shown as it is.
    }
  }
  return { body: text };
}

/** The header that names what a frame is about, as the grid shows it after the command. */
function keyOf(command: string, headers: Record<string, string>): string | undefined {
  switch (command) {
    case 'SEND':
    case 'MESSAGE':
    case 'SUBSCRIBE':
      return headers['destination'];
    case 'UNSUBSCRIBE':
    case 'ACK':
    case 'NACK':
      // 1.0 names the subscription by destination and the acknowledged message by message-id.
      return headers['id'] ?? headers['destination'] ?? headers['message-id'];
    case 'BEGIN':
    case 'COMMIT':
    case 'ABORT':
      return headers['transaction'];
    case 'RECEIPT':
      return headers['receipt-id'];
    case 'ERROR':
      return headers['message'];
    default:
      return undefined;
  }
}

/** STOMP's request↔reply keys: CONNECT↔CONNECTED, `receipt`↔`receipt-id`, SUBSCRIBE `id`↔MESSAGE `subscription`. */
function pairingsOf(command: string, headers: Record<string, string>, context: FrameContext): Pairing[] {
  const pairings: Pairing[] = [];
  const receipt = headers['receipt'];
  const receiptId = headers['receipt-id'];
  if (command === 'CONNECT' || command === 'STOMP') pairings.push({ key: 'connect', role: 'request' });
  if (command === 'CONNECTED') pairings.push({ key: 'connect', role: 'reply', final: true });
  if (command === 'SUBSCRIBE' && headers['id'] !== undefined) {
    pairings.push({ key: `subscription:${headers['id']}`, role: 'request' });
  }
  if (command === 'MESSAGE' && headers['subscription'] !== undefined) {
    pairings.push({ key: `subscription:${headers['subscription']}`, role: 'reply', final: false });
  }
  if (receipt !== undefined && command !== 'CONNECT' && command !== 'STOMP') {
    pairings.push({ key: `receipt:${receipt}`, role: 'request' });
  }
  if ((command === 'RECEIPT' || command === 'ERROR') && receiptId !== undefined) {
    pairings.push({ key: `receipt:${receiptId}`, role: 'reply', final: true });
  }
  if (command === 'ERROR' && receiptId === undefined && context.handshakePending) {
    pairings.push({ key: 'connect', role: 'reply', final: true });
  }
  return pairings;
}

function oneLine(text: string): string {
  return clip(text.replace(/\s+/g, ' ').trim(), PREVIEW_LENGTH);
}
