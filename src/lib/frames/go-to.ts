import type { Result } from '../result';

/** Where "go to" should land: a frame by its number, or the first frame at or after a time. */
export type GoToTarget = { seq: number } | { time: number };

const HELP =
  'Type a frame number (#1234), a time of day (14:03:07.250), seconds since the start (+90s), or a date and time.';

/**
 * Reads what a person typed in "Go to". A time of day is taken on the day the session started (the next day if
 * that would be before the start: a session that ran past midnight).
 */
export function parseGoTo(text: string, sessionStart: number): Result<GoToTarget> {
  const input = text.trim();
  const seq = /^#?(\d+)$/.exec(input);
  if (seq) return { ok: true, value: { seq: Number(seq[1]) } };

  const relative = /^\+(\d+(?:\.\d+)?)\s*s?$/.exec(input);
  if (relative) return { ok: true, value: { time: sessionStart + Number(relative[1]) * 1000 } };

  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(input);
  if (clock) {
    const hours = Number(clock[1]);
    const minutes = Number(clock[2]);
    const seconds = Number(clock[3] ?? 0);
    const millis = Number((clock[4] ?? '').padEnd(3, '0'));
    if (hours > 23 || minutes > 59 || seconds > 59)
      return { ok: false, error: `${input} is not a time of day.` };
    const day = new Date(sessionStart);
    day.setHours(hours, minutes, seconds, millis);
    let time = day.getTime();
    if (time < sessionStart - 1000) time += 24 * 60 * 60 * 1000;
    return { ok: true, value: { time } };
  }

  if (/\d{4}-\d{2}-\d{2}/.test(input)) {
    const time = Date.parse(input);
    if (Number.isFinite(time)) return { ok: true, value: { time } };
  }
  return { ok: false, error: HELP };
}
