import { tryParseExactJson } from '../../encoding/json';
import type { DecodedMessage, Decoder, DecodeResult, WireFrame } from '../decoder';
import { looksLikeJsonContainer } from './detect';

/** Top-level fields that name a plain JSON message's type, in the order they are looked for. */
const TYPE_FIELDS = ['type', 'event', 'method', 'op', 'action'];
/** Top-level fields that name what a message is about: a channel, topic or event. */
const KEY_FIELDS = ['event', 'channel', 'topic', 'stream', 'room', 'subject', 'method'];
/** Characters of the text a summary shows after the type and key: a grid row shows no more. */
const SUMMARY_CHARS = 200;

/**
 * A text frame holding a JSON object or array is one message; any other frame holds none (not an error). A
 * text that starts like JSON but does not parse is an error, shown beside the raw views.
 */
export function decodeJsonFrame(frame: WireFrame): DecodeResult {
  const text = frame.text;
  if (text === undefined || !looksLikeJsonContainer(text)) return { ok: true, value: [] };
  const parsed = tryParseExactJson(text);
  if (!parsed.ok) return { ok: false, error: `Not valid JSON: ${parsed.error}` };
  return { ok: true, value: [describeJson(parsed.value as object, text)] };
}

/**
 * The fields of a text holding JSON, for a filter or the timeline over a million frames: no message is built, and
 * the text is parsed once, as plain JSON (integers past 2^53 compare as the doubles they round to, as they always
 * have; the Decoded tree shows them exactly). Undefined for any other text.
 */
export function jsonFieldsOf(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function describeJson(value: object, text: string): DecodedMessage {
  const fields = value as Record<string, unknown>;
  const isArray = Array.isArray(value);
  const typeField = isArray ? undefined : TYPE_FIELDS.find((name) => typeof fields[name] === 'string');
  const type = typeField === undefined ? (isArray ? 'array' : 'object') : (fields[typeField] as string);
  const keyField = isArray
    ? undefined
    : KEY_FIELDS.find((name) => name !== typeField && typeof fields[name] === 'string');
  const key = keyField === undefined ? undefined : (fields[keyField] as string);
  const head = key === undefined ? type : `${type} ${key}`;
  const message: DecodedMessage = {
    type,
    // Made when a row shows it: the filter and the timeline decode a million frames and read none.
    get summary() {
      return `${head} ${oneLine(text.slice(0, SUMMARY_CHARS).trim())}`;
    },
    tree: value,
    fields,
  };
  if (key !== undefined) message.key = key;
  return message;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

export const decoder: Decoder = {
  id: 'json',
  label: 'JSON',
  // Plain JSON keeps no state between frames.
  start: () => ({ decode: decodeJsonFrame }),
};
