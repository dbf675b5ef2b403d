import { parseBase64, toBase64 } from '../encoding/base64';
import { utf8Length } from '../encoding/utf8';
import type { SessionDescription, SessionMeta } from '../model/session';
import type { BinaryType, EventRecord, FrameRecord, UnnumberedRecord } from '../model/frame';
import { APP_NAME } from './native';
import type { RedactionPlan } from './redaction';
import type { RecordCheck } from './validate';
import { checkCloseFields, isBinaryType, isFiniteTime, isObject, optionalString } from './validate';

/**
 * HAR as Chrome DevTools writes WebSockets: an entry with `_resourceType: "websocket"` and its messages in
 * `_webSocketMessages` ({type: "send" | "receive", time: epoch seconds, opcode: 1 text | 2 binary, data}, binary
 * as base64). Edge, HTTP Toolkit, mitmproxy and Playwright write the same shape, though Playwright's `recordHar`
 * writes the times in epoch milliseconds (read back per entry, see harTimeUnit). What Chrome's shape cannot hold
 * (connection events, the close code, the delivery type) goes in our own `_wsInspector` field, which other tools
 * ignore and our importer reads back.
 */

export const HAR_EXTENSION = '.har';

interface HarMessage {
  type: 'send' | 'receive';
  time: number;
  opcode: 1 | 2;
  data: string;
  /** Ours: sent by the app itself (handshake and keep-alive); other tools ignore `_` fields. */
  _automatic?: true;
}

/** A connection event as our field holds it: HAR's time in seconds in place of ours. */
type HarEvent = EventRecord extends infer R
  ? R extends EventRecord
    ? Omit<R, 't'> & { time: number }
    : never
  : never;

/** Our namespaced field on an exported entry. */
interface InspectorFields {
  v: 1;
  name?: string;
  binaryType: BinaryType;
  redactions: readonly { where: string; what: string }[];
  close?: { code: number; reason: string; wasClean: boolean; time: number };
  /** Connection events with their place in the session: a record's seq is its position among all records. */
  events: HarEvent[];
}

/** A HAR export written in pieces: what goes before the messages, each message, what goes after. */
export class HarWriter {
  readonly #meta: SessionMeta;
  readonly #plan: RedactionPlan;
  readonly #fields: InspectorFields;
  #messages = 0;
  #protocol = '';
  #extensions = '';
  #lastTime: number;

  constructor(meta: SessionMeta, plan: RedactionPlan) {
    this.#meta = meta;
    this.#plan = plan;
    this.#lastTime = meta.startedAt;
    this.#fields = {
      v: 1,
      ...(meta.name === undefined ? {} : { name: plan.text(meta.name) }),
      binaryType: meta.binaryType,
      redactions: plan.redactions,
      events: [],
    };
  }

  /** The opening of the file, up to the first message. */
  start(): string {
    return `{"log":{"version":"1.2","creator":{"name":${JSON.stringify(APP_NAME)},"version":"1"},"pages":[],"entries":[{"_resourceType":"websocket","_webSocketMessages":[`;
  }

  /** The record as HAR text: a message, or nothing for events (they are written at the end). */
  record(record: FrameRecord): string {
    this.#lastTime = Math.max(this.#lastTime, record.t);
    if (record.kind !== 'text' && record.kind !== 'binary') {
      this.#event(record);
      return '';
    }
    const message: HarMessage = {
      type: record.dir === 'out' ? 'send' : 'receive',
      time: record.t / 1000,
      opcode: record.kind === 'text' ? 1 : 2,
      data: record.kind === 'text' ? this.#plan.text(record.text) : toBase64(this.#plan.bytes(record.bytes)),
      ...(record.auto ? { _automatic: true } : {}),
    };
    return `${this.#messages++ === 0 ? '' : ','}${JSON.stringify(message)}`;
  }

  /** The rest of the entry: the request, the response and our fields, known once every record was seen. */
  end(): string {
    const meta = this.#meta;
    const endedAt = meta.endedAt ?? this.#lastTime;
    const requestHeaders = this.#plan.protocols.length
      ? [{ name: 'Sec-WebSocket-Protocol', value: this.#plan.protocols.join(', ') }]
      : [];
    const responseHeaders = [
      { name: 'Upgrade', value: 'websocket' },
      { name: 'Connection', value: 'Upgrade' },
      ...(this.#protocol ? [{ name: 'Sec-WebSocket-Protocol', value: this.#protocol }] : []),
      ...(this.#extensions ? [{ name: 'Sec-WebSocket-Extensions', value: this.#extensions }] : []),
    ];
    const rest = {
      startedDateTime: new Date(meta.startedAt).toISOString(),
      time: Math.max(0, endedAt - meta.startedAt),
      request: {
        method: 'GET',
        url: this.#plan.url,
        httpVersion: 'HTTP/1.1',
        headers: requestHeaders,
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: 101,
        statusText: 'Switching Protocols',
        httpVersion: 'HTTP/1.1',
        headers: responseHeaders,
        cookies: [],
        content: { size: 0, mimeType: 'x-unknown' },
        redirectURL: '',
        headersSize: -1,
        bodySize: 0,
      },
      cache: {},
      timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 },
      _wsInspector: this.#fields,
    };
    // The entry's object is open since start(): close the messages array and add the other fields.
    return `],${JSON.stringify(rest).slice(1)}]}}`;
  }

  #event(record: EventRecord): void {
    const { t, ...fields } = record;
    const text = (value: string) => this.#plan.text(value);
    switch (fields.kind) {
      case 'open':
        this.#protocol = text(fields.protocol);
        this.#extensions = fields.extensions;
        this.#fields.events.push({ ...fields, protocol: this.#protocol, time: t / 1000 });
        return;
      case 'close':
        this.#fields.close = {
          code: fields.code,
          reason: text(fields.reason),
          wasClean: fields.wasClean,
          time: t / 1000,
        };
        this.#fields.events.push({ ...fields, reason: text(fields.reason), time: t / 1000 });
        return;
      case 'error':
        this.#fields.events.push({ ...fields, message: text(fields.message), time: t / 1000 });
        return;
      case 'note':
        this.#fields.events.push({ ...fields, text: text(fields.text), time: t / 1000 });
        return;
    }
  }
}

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

function checkOurEvent(value: unknown): RecordCheck {
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
function harTime(value: unknown, unit: HarTimeUnit): number | undefined {
  if (typeof value !== 'number') return undefined;
  const ms = value * unit;
  return isFiniteTime(ms) ? ms : undefined;
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
