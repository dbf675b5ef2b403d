/** Checks a HAR entry's messages and our own field's events as records, their times turned into ours. */
import { parseBase64 } from '../encoding/base64';
import { utf8Length } from '../encoding/utf8';
import type { UnnumberedRecord } from '../model/frame';
import type { RecordCheck } from './validate';
import { checkCloseFields, isFiniteTime, isObject } from './validate';

/** A message of `_webSocketMessages`, its time in the entry's unit (seconds unless told otherwise, as Chrome). */
export function checkHarMessage(value: unknown, unit: HarTimeUnit = HAR_SECONDS): RecordCheck {
  if (!isObject(value)) return { ok: false, error: 'message is not a JSON object' };
  const dir = value.type === 'send' ? 'out' : value.type === 'receive' ? 'in' : undefined;
  if (dir === undefined) return { ok: false, error: 'message neither sent nor received' };
  const t = harTime(value.time, unit);
  if (t === undefined) return { ok: false, error: 'missing or impossible time' };
  if (typeof value.data !== 'string') return { ok: false, error: 'message without data' };
  const auto = value._automatic === true && dir === 'out' ? { auto: true as const } : {};
  if (value.opcode === 1) {
    const text = value.data;
    return { ok: true, value: { kind: 'text', dir, t, text, size: utf8Length(text), ...auto } };
  }
  if (value.opcode === 2) {
    const bytes = parseBase64(value.data);
    if (!bytes.ok) return { ok: false, error: 'binary message with invalid base64' };
    const size = bytes.value.byteLength;
    return { ok: true, value: { kind: 'binary', dir, t, bytes: bytes.value, size, ...auto } };
  }
  return { ok: false, error: 'control frame or unknown opcode' };
}
/** An event of our own `_wsInspector` field. */
export function checkOurEvent(value: unknown): RecordCheck {
  if (!isObject(value)) return { ok: false, error: 'event is not a JSON object' };
  const t = harTime(value.time, HAR_SECONDS);
  if (t === undefined) return { ok: false, error: 'missing or impossible time' };
  const text = (field: unknown) => (typeof field === 'string' ? field : '');
  let record: UnnumberedRecord;
  switch (value.kind) {
    case 'open':
      record = { kind: 'open', t, protocol: text(value.protocol), extensions: text(value.extensions) };
      break;
    case 'close':
      return checkCloseFields(value, t);
    case 'error':
      record = { kind: 'error', t, message: text(value.message) };
      break;
    case 'note':
      record = { kind: 'note', t, text: text(value.text) };
      break;
    default:
      return { ok: false, error: 'unknown kind of record' };
  }
  return { ok: true, value: record };
}

/** Milliseconds per unit of a HAR message time: 1000 for Chrome's epoch seconds, 1 for Playwright's milliseconds. */
export type HarTimeUnit = 1000 | 1;
const HAR_SECONDS = 1000;
const HAR_MILLISECONDS = 1;
/** A time above this is milliseconds when the entry has no start to compare with: 1e11 s is the year 5138, 1e11 ms 1973. */
const MILLISECONDS_FROM = 1e11;

/**
 * The unit of an entry's message times, decided once per entry so its messages keep their order and gaps: the one
 * that puts its first message nearer the entry's `startedDateTime`, or, without one, the one that gives a date.
 */
export function harTimeUnit(messages: readonly unknown[], startedAt: number): HarTimeUnit {
  const first = messages
    .map((m) => (isObject(m) && typeof m.time === 'number' && Number.isFinite(m.time) ? m.time : undefined))
    .find((t) => t !== undefined);
  if (first === undefined) return HAR_SECONDS;
  if (isFiniteTime(startedAt)) {
    return Math.abs(first - startedAt) < Math.abs(first * 1000 - startedAt) ? HAR_MILLISECONDS : HAR_SECONDS;
  }
  return first >= MILLISECONDS_FROM ? HAR_MILLISECONDS : HAR_SECONDS;
}

/** A HAR time in our epoch milliseconds, or undefined when it is no time a session could have. */
export function harTime(value: unknown, unit: HarTimeUnit): number | undefined {
  if (typeof value !== 'number') return undefined;
  const ms = value * unit;
  return isFiniteTime(ms) ? ms : undefined;
}
