import type { AutoRule } from '../automation/rules';
import { openRules } from '../automation/rules';
import type { SendOptions } from '../automation/target';
import type { ComposedMessage } from '../compose/message';
import { encodeMessage } from '../compose/message';
import { expandVariables, randomUuid } from '../compose/variables';
import type { Unsubscribe } from '../events';
import { Emitter } from '../events';
import { messageOf } from '../errors';
import type { BinaryType, FrameRecord, UnnumberedRecord } from '../model/frame';
import { preciseNow } from '../model/frame';
import type { SecretVariable, SessionMeta } from '../model/session';
import { emptyTotals } from '../model/totals';
import type { FrameReader, FrameWriter } from '../record/frame-store';
import type { PersistState, RecorderOptions } from '../record/recorder';
import { Recorder } from '../record/recorder';
import type { Result } from '../result';
import type { ConnectionStatus, SocketFactory } from '../ws/connection';
import { Connection } from '../ws/connection';
import { explainConstructorError } from '../ws/endpoint';
import { ReconnectPolicy } from './reconnect-policy';
import type { RecordingLimitSettings } from './recording-limits';
import { RecordingLimits } from './recording-limits';

export type { ComposedMessage } from '../compose/message';

/** What one connection attempt needs; every attempt, reconnects included, is a session of its own. */
export interface ConnectRequest {
  url: string;
  protocols: string[];
  binaryType: BinaryType;
  /** What `{{name}}` stands for in messages sent on this connection. */
  values?: Readonly<Record<string, string>>;
  /** Messages a server expects first (a login, a subscribe), sent in order as soon as the connection opens. */
  sendOnOpen?: readonly ComposedMessage[];
  /**
   * Automation for this connection (lib/automation/rules.ts), already checked (checkRules): `sendOnOpen` becomes
   * `open` rules ahead of these.
   */
  rules?: readonly AutoRule[];
  /** Connect again, with a growing pause, after a close nobody asked for. */
  reconnect?: boolean;
  /** Secret values that may be filled in: kept with the session so its exports redact them (never exported). */
  secrets?: readonly SecretVariable[];
  /**
   * This connection's own way of opening its socket (through the local agent), instead of the session's: the
   * choice belongs to each attempt, since the same panel may connect directly and then through the agent.
   */
  createSocket?: SocketFactory;
}

/** The session listing, as recording needs it: storage implements it. */
export interface SessionCatalog {
  put(meta: SessionMeta): Promise<void>;
}

/** Held while a session records, so no other tab takes it for one a crashed tab left behind. */
export type RecordingLock = (sessionId: string) => Promise<() => void>;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface LiveSessionDeps {
  frames: FrameWriter & FrameReader;
  catalog: SessionCatalog;
  newId: (startedAt: number) => string;
  lock?: RecordingLock;
  createSocket?: SocketFactory;
  /** Stamps records: epoch milliseconds with sub-millisecond precision. */
  clock?: () => number;
  timers?: Timers;
  recorder?: Partial<RecorderOptions>;
  limits?: Partial<RecordingLimitSettings>;
}

export interface OpenInfo {
  url: string;
  protocol: string;
  extensions: string;
  at: number;
}

export interface CloseInfo {
  code: number;
  reason: string;
  wasClean: boolean;
}

export interface LiveSessionEvents {
  /** A new recording began (each connect): whoever shows the live connection decides whether to show it. */
  recording: { recorder: Recorder; meta: SessionMeta };
  /** Each record of the current recording, numbered, as it is appended. */
  record: FrameRecord;
  /** Records were appended or saved: redraw soon (subscribers throttle). */
  changed: void;
  status: ConnectionStatus;
  open: OpenInfo;
  close: CloseInfo;
  persist: PersistState;
  /** The session listing holds this meta now: a recording began or ended. */
  listed: SessionMeta;
  /** When the next automatic reconnect will happen; null when none is pending. */
  reconnect: { at: number; attempt: number } | null;
  /** Something went wrong that the person should read: a connection that could not start, a failed listing. */
  problem: string;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One connection slot being recorded: it owns the Connection, the Recorder of its current session, the reconnect
 * policy, the send counter behind `{{$seq}}` and the messages sent on open, and publishes what happens as typed
 * events. It decides nothing about what is on screen: views subscribe. Any number can run side by side.
 */
export class LiveSession {
  readonly #events = new Emitter<LiveSessionEvents>();
  readonly #deps: LiveSessionDeps;
  readonly #clock: () => number;
  readonly #timers: Timers;
  readonly #reconnects: ReconnectPolicy;
  readonly #limits: RecordingLimits;
  #connection: Connection | null = null;
  #recorder: Recorder | null = null;
  #meta: SessionMeta | null = null;
  #request: ConnectRequest | null = null;
  #status: ConnectionStatus = 'closed';
  /** The person asked for the close under way: no reconnecting after it. */
  #closeRequested = false;
  /** Set by connectWhenClosed while the previous connection is still closing. */
  #connectAfterClose: ConnectRequest | null = null;
  #reconnectTimer: unknown;
  #openedAt: number | null = null;
  /** Listing the session in storage; finishing waits for it so the two writes cannot cross. */
  #listing: Promise<void> = Promise.resolve();
  #releaseLock: (() => void) | null = null;
  /** One entry per message sent on the current connection and not yet recorded: whether it was automatic. */
  #sentMarks: boolean[] = [];

  constructor(deps: LiveSessionDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? preciseNow;
    this.#timers = deps.timers ?? realTimers;
    this.#reconnects = new ReconnectPolicy(this.#clock);
    this.#limits = new RecordingLimits(deps.limits);
  }

  on<K extends keyof LiveSessionEvents>(
    type: K,
    listener: (payload: LiveSessionEvents[K]) => void,
  ): Unsubscribe {
    return this.#events.on(type, listener);
  }

  get status(): ConnectionStatus {
    return this.#status;
  }
  get isActive(): boolean {
    return this.#status === 'connecting' || this.#status === 'open';
  }
  /** The current (or last) recording, null before the first connect. */
  get recorder(): Recorder | null {
    return this.#recorder;
  }
  get meta(): SessionMeta | null {
    return this.#meta;
  }
  /** Bytes queued by send() but not yet handed to the network. */
  get bufferedAmount(): number {
    return this.#connection?.bufferedAmount ?? 0;
  }
  /** `{{$seq}}` of the next message sent: its number among those sent on this connection. */
  get nextSendSeq(): number {
    return (this.#recorder?.totals.sent ?? 0) + 1;
  }
  /**
   * The current connection's rules: `sendOnOpen` as `open` rules, then the request's. LiveSession sends the open
   * ones; an AutoReplies attached to this session (lib/automation) answers with the `reply` ones.
   */
  get rules(): readonly AutoRule[] {
    const request = this.#request;
    return request === null ? [] : [...openRules(request.sendOnOpen), ...(request.rules ?? [])];
  }

  /** Starts a connection and its recording. Returns why it could not start, if it could not. */
  connect(request: ConnectRequest): Result<void> {
    this.#cancelReconnectTimer();
    this.#closeRequested = false;
    if (this.isActive) return { ok: false, error: 'Already connected: disconnect first.' };
    this.#request = request;
    const recorder = this.#startRecording(request);
    const { url, protocols, binaryType } = request;
    recorder.append({
      kind: 'note',
      t: this.#clock(),
      text: `Connecting to ${url}${protocols.length ? ` offering ${protocols.join(', ')}` : ''} (binary type ${binaryType})`,
    });
    let connection: Connection;
    try {
      connection = new Connection(request, request.createSocket ?? this.#deps.createSocket, this.#clock);
    } catch (error) {
      const message = explainConstructorError(error);
      this.#append({ kind: 'error', t: this.#clock(), message });
      void this.#finishRecording(recorder);
      this.#events.emit('problem', message);
      return { ok: false, error: message };
    }
    this.#connection = connection;
    this.#sentMarks = [];
    connection.on('record', (record) => this.#onRecord(connection, record));
    connection.on('status', (status) => this.#onStatus(connection, status));
    this.#setStatus(connection.status);
    return { ok: true, value: undefined };
  }

  /** Connects now, or, while a connection is still closing, as soon as it has closed. */
  connectWhenClosed(request: ConnectRequest): void {
    this.#closeRequested = true;
    if (this.isActive || this.#status === 'closing') {
      this.#connectAfterClose = request;
      if (this.isActive) this.#connection?.close(1000);
    } else {
      this.connect(request);
    }
  }

  /** Closes with 1000 and stops reconnecting. */
  disconnect(): void {
    this.close(1000, '');
  }

  /** Starts the closing handshake; the code and reason must already be valid (see checkCloseRequest). */
  close(code: number, reason: string): void {
    this.cancelReconnect();
    this.#closeRequested = true;
    this.#connection?.close(code, reason);
  }

  cancelReconnect(): void {
    this.#cancelReconnectTimer();
    this.#reconnects.reset();
    this.#events.emit('reconnect', null);
  }

  /** Fills in the variables (with this connection's `{{$seq}}`), encodes, and sends; or says what is wrong. */
  send(message: ComposedMessage, options: SendOptions = {}): Result<void> {
    const own = this.#request?.values ?? {};
    const expanded = expandVariables(message.body, {
      values: options.values ? { ...own, ...options.values } : own,
      seq: this.nextSendSeq,
      now: Date.now,
      uuid: randomUuid,
    });
    if (!expanded.ok) return expanded;
    const encoded = encodeMessage(expanded.value, message.format);
    if (!encoded.ok) return encoded;
    try {
      const automatic = options.automatic === true;
      if (encoded.value.kind === 'text') this.sendText(encoded.value.text, automatic);
      else this.sendBinary(encoded.value.bytes, automatic);
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
    return { ok: true, value: undefined };
  }

  /** Sends and records a text message; `automatic` marks one the app sent by itself (handshake and keep-alive). */
  sendText(text: string, automatic = false): void {
    this.#sendRecorded(automatic, (connection) => connection.sendText(text));
  }

  sendBinary(bytes: Uint8Array, automatic = false): void {
    this.#sendRecorded(automatic, (connection) => connection.sendBinary(bytes));
  }

  #sendRecorded(automatic: boolean, send: (connection: Connection) => void): void {
    const connection = this.#requireOpen();
    // The connection records sent messages in the order they were sent (possibly later, behind a Blob read), so a
    // queue of one mark per send tells #onRecord which outgoing record is automatic.
    this.#sentMarks.push(automatic);
    try {
      send(connection);
    } catch (error) {
      this.#sentMarks.pop();
      throw error;
    }
  }

  /** Saves what is buffered now: the page may be about to go away. */
  flush(): Promise<void> {
    return this.#recorder?.flush() ?? Promise.resolve();
  }

  /** After a failed write (a full disk): try again on a fresh database connection. */
  retrySaving(): Promise<void> {
    return this.#recorder?.retry() ?? Promise.resolve();
  }

  #requireOpen(): Connection {
    if (this.#connection === null || this.#status !== 'open') {
      throw new Error('Connect first: messages can only be sent on an open connection.');
    }
    return this.#connection;
  }

  #startRecording(request: ConnectRequest): Recorder {
    this.#releaseLock?.();
    this.#releaseLock = null;
    const startedAt = this.#clock();
    const id = this.#deps.newId(startedAt);
    const recorder = new Recorder(id, this.#deps.frames, this.#deps.recorder, (start) =>
      this.#deps.frames.chunk(id, start),
    );
    recorder.on('changed', () => {
      if (this.#recorder === recorder) this.#events.emit('changed', undefined);
    });
    recorder.on('persist', (state) => {
      if (this.#recorder !== recorder) return;
      this.#events.emit('persist', state);
      if (state.kind === 'failed') this.#limits.saveFailedAt(recorder.totals);
    });
    const meta: SessionMeta = {
      id,
      url: request.url,
      protocols: request.protocols,
      binaryType: request.binaryType,
      startedAt,
      status: 'recording',
      totals: emptyTotals(),
      ...(request.secrets?.length ? { secrets: [...request.secrets] } : {}),
    };
    this.#recorder = recorder;
    this.#meta = meta;
    this.#limits.start();
    this.#events.emit('recording', { recorder, meta });
    this.#events.emit('persist', { kind: 'saving' });
    this.#listing = this.#register(meta, recorder);
    return recorder;
  }

  async #register(meta: SessionMeta, recorder: Recorder): Promise<void> {
    // The lock first: with it held, no other tab can take this session for an interrupted one.
    const release = (await this.#deps.lock?.(meta.id)) ?? (() => undefined);
    if (this.#recorder !== recorder) return release();
    this.#releaseLock = release;
    await this.#put(meta, 'Listing the new session failed');
  }

  async #finishRecording(recorder: Recorder): Promise<void> {
    await this.#listing;
    await recorder.finish();
    if (this.#meta?.id !== recorder.sessionId) return;
    const closed: SessionMeta = {
      ...this.#meta,
      status: 'closed',
      endedAt: Date.now(),
      totals: { ...recorder.totals },
    };
    this.#meta = closed;
    await this.#put(closed, 'Saving the session failed');
    if (this.#recorder === recorder) {
      this.#releaseLock?.();
      this.#releaseLock = null;
    }
  }

  async #put(meta: SessionMeta, failure: string): Promise<void> {
    try {
      await this.#deps.catalog.put(meta);
      this.#events.emit('listed', meta);
    } catch (error) {
      this.#events.emit('problem', `${failure}: ${messageOf(error)}`);
    }
  }

  #append(record: UnnumberedRecord): void {
    const recorder = this.#recorder;
    if (recorder === null) return;
    const seq = recorder.append(record);
    if (this.#events.has('record')) this.#events.emit('record', { ...record, seq } as FrameRecord);
  }

  #onRecord(connection: Connection, record: UnnumberedRecord): void {
    if (connection !== this.#connection) return;
    if ((record.kind === 'text' || record.kind === 'binary') && record.dir === 'out') {
      if (this.#sentMarks.shift() === true) record.auto = true;
    }
    this.#append(record);
    const recorder = this.#recorder;
    if (record.kind === 'open') {
      this.#openedAt = record.t;
      this.#events.emit('open', {
        url: this.#request?.url ?? connection.url,
        protocol: record.protocol,
        extensions: record.extensions,
        at: record.t,
      });
      for (const rule of this.rules) {
        if (rule.kind !== 'open') continue;
        const sent = this.send(rule.reply);
        if (!sent.ok) this.#note(`A message to send on open was not sent: ${sent.error}`);
      }
    } else if (record.kind === 'close') {
      this.#reconnects.closed(this.#openedAt);
      this.#openedAt = null;
      this.#events.emit('close', { code: record.code, reason: record.reason, wasClean: record.wasClean });
      if (recorder) void this.#finishRecording(recorder);
    } else if (recorder && connection.status === 'open') {
      const over = this.#limits.exceeded(recorder.totals);
      if (over !== null) this.#stopRecording(over);
    }
  }

  /** Recording cannot go on (a budget, memory after a full disk): say why in the session, then close. */
  #stopRecording(reason: string): void {
    this.#note(reason);
    this.close(1000, '');
  }

  /**
   * Adds a note row to the current recording: what the app (or a scenario step) has to say about it. Once the
   * connection has closed its recording is finished, and a note is dropped: false says so.
   */
  note(text: string): boolean {
    if (this.#recorder === null || this.#status === 'closed') return false;
    this.#note(text);
    return true;
  }

  #note(text: string): void {
    this.#append({ kind: 'note', t: this.#clock(), text });
  }

  #onStatus(connection: Connection, status: ConnectionStatus): void {
    if (connection !== this.#connection) return;
    this.#setStatus(status);
    if (status !== 'closed') return;
    const next = this.#connectAfterClose;
    if (next !== null) {
      this.#connectAfterClose = null;
      this.connect(next);
    } else if (!this.#closeRequested && this.#request?.reconnect) {
      this.#scheduleReconnect(this.#request);
    }
  }

  #setStatus(status: ConnectionStatus): void {
    this.#status = status;
    this.#events.emit('status', status);
  }

  #scheduleReconnect(request: ConnectRequest): void {
    const delay = this.#reconnects.nextDelay();
    if (delay === null) {
      this.#note(this.#reconnects.gaveUpReason());
      this.#events.emit('reconnect', null);
      return;
    }
    const at = Date.now() + delay;
    this.#events.emit('reconnect', { at, attempt: this.#reconnects.attempt });
    this.#reconnectTimer = this.#timers.set(() => {
      this.#reconnectTimer = undefined;
      this.#events.emit('reconnect', null);
      this.connect(request);
    }, delay);
  }

  #cancelReconnectTimer(): void {
    if (this.#reconnectTimer === undefined) return;
    this.#timers.clear(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
  }
}
