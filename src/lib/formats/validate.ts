import type { Result } from '../result';
import type { BinaryType, UnnumberedRecord } from '../model/frame';

// The generic checks moved to lib/guards.ts; the session formats still find them here.
export { isObject, optionalString, stringArray } from '../guards';

/** A record read from a file: the record, or a few words on why it was skipped. */
export type RecordCheck = Result<UnnumberedRecord>;

/** The latest time a record may carry, year 9999 in epoch milliseconds: anything later is a damaged value. */
const LATEST_TIME_MS = 253_402_300_799_999;

/** An epoch-milliseconds time a session could really have. */
export function isFiniteTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= LATEST_TIME_MS;
}

/** A close event's fields, as both file formats hold them: a code a close frame can carry, a reason, wasClean. */
export function checkCloseFields(
  value: Record<string, unknown>,
  t: number,
  wire: { frameHex?: string } = {},
): RecordCheck {
  const code = value.code;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 65535) {
    return { ok: false, error: 'close event with an invalid code' };
  }
  const reason = typeof value.reason === 'string' ? value.reason : '';
  return { ok: true, value: { kind: 'close', t, code, reason, wasClean: value.wasClean === true, ...wire } };
}

export function isBinaryType(value: unknown): value is BinaryType {
  return value === 'blob' || value === 'arraybuffer';
}
