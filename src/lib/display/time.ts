const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Local wall-clock time with milliseconds: 14:03:27.418. */
export function formatWallClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/**
 * A chart axis tick in local 24-hour time, as the grid shows times: 14:03:27, or 14:03:27.418 when the ticks are
 * less than a second apart.
 */
export function formatAxisTime(epochMs: number, stepMs: number): string {
  const wallClock = formatWallClock(epochMs);
  return stepMs < 1000 ? wallClock : wallClock.slice(0, 8);
}

/** Time since the session's first record: +0.000, +12.345, +1:02:03.456 for long sessions. */
export function formatRelative(epochMs: number, originMs: number): string {
  const elapsed = Math.max(0, epochMs - originMs);
  const totalSeconds = Math.floor(elapsed / 1000);
  const millis = pad(Math.floor(elapsed % 1000), 3);
  if (totalSeconds < 60) return `+${totalSeconds}.${millis}`;
  const seconds = totalSeconds % 60;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `+${totalMinutes}:${pad(seconds)}.${millis}`;
  return `+${Math.floor(totalMinutes / 60)}:${pad(totalMinutes % 60)}:${pad(seconds)}.${millis}`;
}

/** Full local date and time, for "opened at". */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatWallClock(epochMs)}`;
}

/** A session's length at a glance: 42s, 3m 7s, 2h 15m. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

/** An epoch-milliseconds time as ISO 8601 in UTC, the form "go to" and the filter's time fields read back. */
export function toIsoTime(ms: number): string {
  return new Date(ms).toISOString();
}
