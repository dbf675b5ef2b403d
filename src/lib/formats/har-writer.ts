/** Writes a session as a HAR file, in pieces, the way Chrome DevTools writes WebSockets plus our own field. */
import { toBase64 } from '../encoding/base64';
import type { SessionMeta } from '../model/session';
import type { BinaryType, EventRecord, FrameRecord } from '../model/frame';
import { APP_NAME } from './native';
import type { RedactionPlan } from './redaction';

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
  close?: HarClose;
  /** Connection events with their place in the session: a record's seq is its position among all records. */
  events: HarEvent[];
}

interface HarClose {
  code: number;
  reason: string;
  wasClean: boolean;
  time: number;
}

/**
 * What a run of records adds to the end of a HAR file besides its messages: the file's last part is written once
 * every record was seen, and the records may be formatted in several workers, a run each.
 */
export interface HarTail {
  messages: number;
  lastTime: number;
  events: HarEvent[];
  close?: HarClose;
  /** The subprotocol and extensions the last open event of the run agreed. */
  open?: { protocol: string; extensions: string };
}

/**
 * A run of records as HAR messages, each with the comma that separates it from the one before: the writer
 * drops the file's first. Events are not messages: they are kept for the tail.
 */
export class HarRecords {
  readonly #plan: RedactionPlan;
  #tail: HarTail = emptyTail();

  constructor(plan: RedactionPlan) {
    this.#plan = plan;
  }

  /** The record as HAR text: a message, or nothing for events (they are written at the end). */
  record(record: FrameRecord): string {
    this.#tail.lastTime = Math.max(this.#tail.lastTime, record.t);
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
    this.#tail.messages++;
    return `,${JSON.stringify(message)}`;
  }

  /** What the records since the last call add to the file's end. */
  takeTail(): HarTail {
    const tail = this.#tail;
    this.#tail = emptyTail();
    return tail;
  }

  #event(record: EventRecord): void {
    const { t, ...fields } = record;
    const text = (value: string) => this.#plan.text(value);
    const tail = this.#tail;
    switch (fields.kind) {
      case 'open':
        tail.open = { protocol: text(fields.protocol), extensions: fields.extensions };
        tail.events.push({ ...fields, protocol: tail.open.protocol, time: t / 1000 });
        return;
      case 'close':
        tail.close = {
          code: fields.code,
          reason: text(fields.reason),
          wasClean: fields.wasClean,
          time: t / 1000,
        };
        tail.events.push({ ...fields, reason: text(fields.reason), time: t / 1000 });
        return;
      case 'error':
        tail.events.push({ ...fields, message: text(fields.message), time: t / 1000 });
        return;
      case 'note':
        tail.events.push({ ...fields, text: text(fields.text), time: t / 1000 });
        return;
    }
  }
}

const emptyTail = (): HarTail => ({ messages: 0, lastTime: -Infinity, events: [] });

/**
 * A HAR export's frame: what goes before the messages, and after them what the records' tails (HarRecords) add
 * up to. The messages themselves are written by HarRecords, in order, between the two.
 */
export class HarWriter {
  readonly #meta: SessionMeta;
  readonly #plan: RedactionPlan;
  readonly #fields: InspectorFields;
  #messages = 0;
  #open = { protocol: '', extensions: '' };
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

  /**
   * Takes in the next run's tail, in the file's order. Returns how many leading bytes of the run's text to drop:
   * the comma before the file's first message.
   */
  add(tail: HarTail): number {
    const first = this.#messages === 0 && tail.messages > 0;
    this.#messages += tail.messages;
    this.#lastTime = Math.max(this.#lastTime, tail.lastTime);
    this.#fields.events.push(...tail.events);
    if (tail.close) this.#fields.close = tail.close;
    if (tail.open) this.#open = tail.open;
    return first ? 1 : 0;
  }

  /** The rest of the entry: the request, the response and our fields, known once every record was seen. */
  end(): string {
    const meta = this.#meta;
    const endedAt = meta.endedAt ?? this.#lastTime;
    const { protocol, extensions } = this.#open;
    const requestHeaders = this.#plan.protocols.length
      ? [{ name: 'Sec-WebSocket-Protocol', value: this.#plan.protocols.join(', ') }]
      : [];
    const responseHeaders = [
      { name: 'Upgrade', value: 'websocket' },
      { name: 'Connection', value: 'Upgrade' },
      ...(protocol ? [{ name: 'Sec-WebSocket-Protocol', value: protocol }] : []),
      ...(extensions ? [{ name: 'Sec-WebSocket-Extensions', value: extensions }] : []),
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
}
