/** A connection being recorded: each attempt's Connection, its recording and its sends, published as events. */
import type { SendOptions } from '../automation/target';
import type { ComposedMessage } from '../compose/message';
import type { Unsubscribe } from '../events';
import { Emitter } from '../events';
import type { UnnumberedRecord } from '../model/frame';
import { preciseNow } from '../model/frame';
import type { SessionMeta } from '../model/session';
import type { Recorder } from '../record/recorder';
import type { Result } from '../result';
import type { ConnectionStatus } from '../ws/connection';
import { Connection } from '../ws/connection';
import { explainConstructorError } from '../ws/endpoint';
import { CurrentRecording } from './current-recording';
import type { ConnectRequest, LiveSessionDeps, LiveSessionEvents } from './live-session-types';
import { SessionSender } from './session-sender';

/**
 * What LiveSession is without reconnecting and the messages sent on open, which it adds through the three hooks:
 * `opened` (after `open` is published), `closing` (before `close` is) and `closed` (the status became closed).
 */
export abstract class RecordedConnection {
  readonly #events = new Emitter<LiveSessionEvents>();
  readonly #deps: LiveSessionDeps;
  protected readonly clock: () => number;
  readonly #recording: CurrentRecording;
  #connection: Connection | null = null;
  #request: ConnectRequest | null = null;
  #status: ConnectionStatus = 'closed';
  readonly #sender = new SessionSender(() => (this.#status === 'open' ? this.#connection : null));

  constructor(deps: LiveSessionDeps) {
    this.#deps = deps;
    this.clock = deps.clock ?? preciseNow;
    this.#recording = new CurrentRecording(deps, this.clock, this.#events);
  }

  protected abstract opened(at: number): void;
  protected abstract closing(): void;
  protected abstract closed(): void;

  on<K extends keyof LiveSessionEvents>(
    type: K,
    listener: (payload: LiveSessionEvents[K]) => void,
  ): Unsubscribe {
    return this.#events.on(type, listener);
  }

  protected emit<K extends keyof LiveSessionEvents>(type: K, payload: LiveSessionEvents[K]): void {
    this.#events.emit(type, payload);
  }

  get status(): ConnectionStatus {
    return this.#status;
  }
  get isActive(): boolean {
    return this.#status === 'connecting' || this.#status === 'open';
  }
  /** The current (or last) recording, null before the first connect. */
  get recorder(): Recorder | null {
    return this.#recording.recorder;
  }
  get meta(): SessionMeta | null {
    return this.#recording.meta;
  }
  /** Bytes queued by send() but not yet handed to the network. */
  get bufferedAmount(): number {
    return this.#connection?.bufferedAmount ?? 0;
  }
  /** `{{$seq}}` of the next message sent: its number among those sent on this connection. */
  get nextSendSeq(): number {
    return (this.#recording.recorder?.totals.sent ?? 0) + 1;
  }
  /** The request of the current (or last) connection. */
  protected get request(): ConnectRequest | null {
    return this.#request;
  }

  /** Starts a connection and its recording. Returns why it could not start, if it could not. */
  connect(request: ConnectRequest): Result<void> {
    if (this.isActive) return { ok: false, error: 'Already connected: disconnect first.' };
    this.#request = request;
    const recorder = this.#recording.start(request);
    let connection: Connection;
    try {
      connection = new Connection(request, request.createSocket ?? this.#deps.createSocket, this.clock);
    } catch (error) {
      const message = explainConstructorError(error);
      this.#recording.append({ kind: 'error', t: this.clock(), message });
      void this.#recording.finish(recorder);
      this.#events.emit('problem', message);
      return { ok: false, error: message };
    }
    this.#connection = connection;
    this.#sender.reset();
    connection.on('record', (record) => this.#onRecord(connection, record));
    connection.on('status', (status) => this.#onStatus(connection, status));
    this.#setStatus(connection.status);
    return { ok: true, value: undefined };
  }

  /** Closes with 1000 and stops reconnecting. */
  disconnect(): void {
    this.close(1000, '');
  }

  /** Starts the closing handshake; the code and reason must already be valid (see checkCloseRequest). */
  close(code: number, reason: string): void {
    this.#connection?.close(code, reason);
  }

  /** Fills in the variables (with this connection's `{{$seq}}`), encodes, and sends; or says what is wrong. */
  send(message: ComposedMessage, options: SendOptions = {}): Result<void> {
    return this.#sender.send(message, this.#request?.values ?? {}, this.nextSendSeq, options);
  }

  /** Sends and records a text message; `automatic` marks one the app sent by itself (handshake and keep-alive). */
  sendText(text: string, automatic = false): void {
    this.#sender.sendText(text, automatic);
  }

  sendBinary(bytes: Uint8Array, automatic = false): void {
    this.#sender.sendBinary(bytes, automatic);
  }

  /** Saves what is buffered now: the page may be about to go away. */
  flush(): Promise<void> {
    return this.#recording.recorder?.flush() ?? Promise.resolve();
  }

  /** After a failed write (a full disk): try again on a fresh database connection. */
  retrySaving(): Promise<void> {
    return this.#recording.recorder?.retry() ?? Promise.resolve();
  }

  #onRecord(connection: Connection, record: UnnumberedRecord): void {
    if (connection !== this.#connection) return;
    this.#sender.markAutomatic(record);
    this.#recording.append(record);
    const recorder = this.#recording.recorder;
    if (record.kind === 'open') {
      this.#events.emit('open', {
        url: this.#request?.url ?? connection.url,
        protocol: record.protocol,
        extensions: record.extensions,
        at: record.t,
      });
      this.opened(record.t);
    } else if (record.kind === 'close') {
      this.closing();
      this.#events.emit('close', { code: record.code, reason: record.reason, wasClean: record.wasClean });
      if (recorder) void this.#recording.finish(recorder);
    } else if (recorder && connection.status === 'open') {
      const over = this.#recording.exceeded(recorder);
      if (over !== null) this.#stopRecording(over);
    }
  }

  /** Recording cannot go on (a budget, memory after a full disk): say why in the session, then close. */
  #stopRecording(reason: string): void {
    this.appendNote(reason);
    this.close(1000, '');
  }

  /**
   * Adds a note row to the current recording: what the app (or a scenario step) has to say about it. Once the
   * connection has closed its recording is finished, and a note is dropped: false says so.
   */
  note(text: string): boolean {
    if (this.#recording.recorder === null || this.#status === 'closed') return false;
    this.appendNote(text);
    return true;
  }

  protected appendNote(text: string): void {
    this.#recording.append({ kind: 'note', t: this.clock(), text });
  }

  #onStatus(connection: Connection, status: ConnectionStatus): void {
    if (connection !== this.#connection) return;
    this.#setStatus(status);
    if (status === 'closed') this.closed();
  }

  #setStatus(status: ConnectionStatus): void {
    this.#status = status;
    this.#events.emit('status', status);
  }
}
