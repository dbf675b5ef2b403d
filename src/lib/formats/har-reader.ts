/** Reads the WebSocket entries of a HAR file, ours or another tool's, as sessions (or profiles) to import. */
import type { SessionDescription } from '../model/session';
import type { HarTimeUnit } from './har-messages';
import { checkHarMessage, checkOurEvent, harTime, harTimeUnit } from './har-messages';
import type { RecordCheck } from './validate';
import { isBinaryType, isFiniteTime, isObject, optionalString } from './validate';

/** What one HAR entry becomes on import. */
export type HarItem =
  | {
      kind: 'session';
      session: SessionDescription;
      records: Iterable<RecordCheck>;
    }
  /** A WebSocket entry without messages, as Firefox writes them: the connection is worth keeping as a profile. */
  | { kind: 'profile'; url: string; protocols: string[] }
  | { kind: 'other' };

/** The entries of a parsed HAR, or why the value is not one. */
export function harEntries(value: unknown): { ok: true; entries: unknown[] } | { ok: false; error: string } {
  if (!isObject(value) || !isObject(value.log) || !Array.isArray(value.log.entries)) {
    return { ok: false, error: 'This JSON file is not a HAR file: it has no log.entries list.' };
  }
  return { ok: true, entries: value.log.entries };
}

export function readHarEntry(entry: unknown): HarItem {
  if (!isObject(entry)) return { kind: 'other' };
  const request = isObject(entry.request) ? entry.request : {};
  const response = isObject(entry.response) ? entry.response : {};
  const rawUrl = typeof request.url === 'string' ? request.url : '';
  const isWebSocket =
    entry._resourceType === 'websocket' ||
    Array.isArray(entry._webSocketMessages) ||
    /^wss?:/i.test(rawUrl) ||
    (response.status === 101 && /websocket/i.test(header(request.headers, 'upgrade')));
  if (!isWebSocket) return { kind: 'other' };

  const url = webSocketUrl(rawUrl);
  const protocols = header(request.headers, 'sec-websocket-protocol')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!Array.isArray(entry._webSocketMessages)) return { kind: 'profile', url, protocols };

  const ours = isObject(entry._wsInspector) ? entry._wsInspector : undefined;
  const messages: unknown[] = entry._webSocketMessages;
  const started = Date.parse(typeof entry.startedDateTime === 'string' ? entry.startedDateTime : '');
  const unit = harTimeUnit(messages, started);
  const firstTime = messages
    .map((m) => (isObject(m) ? harTime(m.time, unit) : undefined))
    .find((t) => t !== undefined);
  const startedAt = isFiniteTime(started) ? started : (firstTime ?? 0);
  const duration =
    typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time >= 0 ? entry.time : undefined;
  const name = optionalString(ours?.name);
  const binaryType = isBinaryType(ours?.binaryType) ? ours.binaryType : 'arraybuffer';
  const events = ours && Array.isArray(ours.events) ? ours.events : null;
  const records = events
    ? withOurEvents(messages, events)
    : withOpenEvent(
        messages,
        unit,
        startedAt,
        header(response.headers, 'sec-websocket-protocol'),
        header(response.headers, 'sec-websocket-extensions'),
      );
  const endedAt = duration === undefined ? undefined : startedAt + duration;
  return {
    kind: 'session',
    session: {
      ...(name === undefined ? {} : { name }),
      url,
      protocols,
      binaryType,
      startedAt,
      ...(endedAt !== undefined && isFiniteTime(endedAt) ? { endedAt } : {}),
    },
    records,
  };
}

/** A HAR from another tool: the entry's 101 response says the connection opened, and when. */
function* withOpenEvent(
  messages: unknown[],
  unit: HarTimeUnit,
  startedAt: number,
  protocol: string,
  extensions: string,
): Generator<RecordCheck> {
  yield { ok: true, value: { kind: 'open', t: startedAt, protocol, extensions } };
  for (const message of messages) yield checkHarMessage(message, unit);
}

/** Our own HAR: events go back between the messages at the positions they were recorded in. */
function* withOurEvents(messages: unknown[], events: unknown[]): Generator<RecordCheck> {
  const byPosition = new Map<number, unknown>();
  for (const event of events) {
    if (isObject(event) && typeof event.seq === 'number' && Number.isSafeInteger(event.seq)) {
      byPosition.set(event.seq, event);
    }
  }
  let position = 0;
  let next = 0;
  while (next < messages.length || byPosition.size > 0) {
    const event = byPosition.get(position);
    if (event !== undefined) {
      byPosition.delete(position);
      yield checkOurEvent(event);
    } else if (next < messages.length) {
      yield checkHarMessage(messages[next++]);
    } else {
      // Events placed after the last message: keep their order, whatever gap their positions leave.
      const rest = [...byPosition.keys()].sort((a, b) => a - b);
      for (const key of rest) yield checkOurEvent(byPosition.get(key));
      return;
    }
    position++;
  }
}

/** A header's value from a HAR headers list, case-insensitively; '' when absent. */
function header(headers: unknown, name: string): string {
  if (!Array.isArray(headers)) return '';
  for (const item of headers) {
    if (isObject(item) && typeof item.name === 'string' && item.name.toLowerCase() === name) {
      return typeof item.value === 'string' ? item.value : '';
    }
  }
  return '';
}

/** Some tools record the handshake's http(s) URL: a WebSocket is reached at the ws(s) one. */
function webSocketUrl(url: string): string {
  return url.replace(/^http(s?):/i, 'ws$1:');
}
