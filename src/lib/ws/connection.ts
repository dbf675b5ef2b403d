import { utf8Length } from '../encoding/utf8';
import type { Unsubscribe } from '../events';
import { Emitter } from '../events';
import type { BinaryType, UnnumberedRecord } from '../model/frame';
import { preciseNow } from '../model/frame';
import { closeWire, incomingWire, outgoingWire } from './wire-facts';

export type ConnectionStatus = 'connecting' | 'open' | 'closing' | 'closed';

export interface ConnectionSettings {
  url: string;
  protocols: string[];
  binaryType: BinaryType;
}

export interface ConnectionEvents {
  /** Once per record, in the order the events fired. */
  record: UnnumberedRecord;
  /** After the initial `connecting` (read it from `status`): every change. */
  status: ConnectionStatus;
}

/** The part of the WebSocket API we use; tests pass a fake, the app passes the browser's. */
export type SocketFactory = (url: string, protocols: string[]) => WebSocket;

const browserSocket: SocketFactory = (url, protocols) => new WebSocket(url, protocols);

const ERROR_MESSAGE =
  'The connection failed or was interrupted. Browsers give pages no detail: see the close code that follows.';

/**
 * One WebSocket connection and the records it produces.
 *
 * Every event is stamped when it fires. With binaryType "blob" the bytes arrive asynchronously, so records wait
 * behind any pending Blob read: the order of records is always the order of events.
 */
export class Connection {
  readonly #events = new Emitter<ConnectionEvents>();
  readonly #clock: () => number;
  readonly #socket: WebSocket;
  #status: ConnectionStatus = 'connecting';
  /** The chain of pending Blob reads; null while none is pending, so the common path stays synchronous. */
  #pending: Promise<void> | null = null;

  /** Throws what the WebSocket constructor throws (SyntaxError, SecurityError): callers explain it. */
  constructor(
    settings: ConnectionSettings,
    createSocket: SocketFactory = browserSocket,
    clock: () => number = preciseNow,
  ) {
    this.#clock = clock;
    this.#socket = createSocket(settings.url, settings.protocols);
    this.#socket.binaryType = settings.binaryType;
    this.#socket.addEventListener('open', () => this.#onOpen());
    this.#socket.addEventListener('message', (event) => this.#onMessage(event));
    this.#socket.addEventListener('error', () =>
      this.#emit({ kind: 'error', t: this.#clock(), message: ERROR_MESSAGE }),
    );
    this.#socket.addEventListener('close', (event) => this.#onClose(event));
  }

  on<K extends keyof ConnectionEvents>(
    type: K,
    listener: (payload: ConnectionEvents[K]) => void,
  ): Unsubscribe {
    return this.#events.on(type, listener);
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Bytes queued by send() but not yet handed to the network. */
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  get url(): string {
    return this.#socket.url;
  }

  sendText(text: string): void {
    this.#assertOpen();
    const t = this.#clock();
    this.#socket.send(text);
    this.#emit({ kind: 'text', dir: 'out', t, text, size: utf8Length(text), ...outgoingWire(this.#socket) });
  }

  sendBinary(bytes: Uint8Array): void {
    this.#assertOpen();
    const t = this.#clock();
    this.#socket.send(bytes);
    this.#emit({
      kind: 'binary',
      dir: 'out',
      t,
      bytes,
      size: bytes.byteLength,
      ...outgoingWire(this.#socket),
    });
  }

  /** Starts the closing handshake; the code and reason must already be valid (see checkCloseRequest). */
  close(code = 1000, reason = ''): void {
    if (this.#status === 'closed' || this.#status === 'closing') return;
    this.#socket.close(code, reason);
    this.#setStatus('closing');
  }

  #assertOpen(): void {
    if (this.#status !== 'open') throw new Error(`Cannot send while the connection is ${this.#status}.`);
  }

  #onOpen(): void {
    this.#setStatus('open');
    const { protocol, extensions } = this.#socket;
    this.#emit({ kind: 'open', t: this.#clock(), protocol, extensions });
  }

  #onMessage(event: MessageEvent): void {
    const t = this.#clock();
    const data: unknown = event.data;
    const wire = incomingWire(event);
    if (typeof data === 'string') {
      this.#emit({ kind: 'text', dir: 'in', t, text: data, size: utf8Length(data), ...wire });
    } else if (data instanceof ArrayBuffer) {
      const bytes = new Uint8Array(data);
      const size = bytes.byteLength;
      this.#emit({ kind: 'binary', dir: 'in', t, bytes, size, binaryType: 'arraybuffer', ...wire });
    } else if (data instanceof Blob) {
      this.#emitAfter(
        data.arrayBuffer().then(
          (buffer): UnnumberedRecord => ({
            kind: 'binary',
            dir: 'in',
            t,
            bytes: new Uint8Array(buffer),
            size: buffer.byteLength,
            binaryType: 'blob',
            ...wire,
          }),
          (error: unknown): UnnumberedRecord => ({
            kind: 'error',
            t,
            message: `A ${data.size}-byte binary message could not be read: ${String(error)}`,
          }),
        ),
      );
    }
  }

  #onClose(event: CloseEvent): void {
    this.#emit({
      kind: 'close',
      t: this.#clock(),
      code: event.code,
      reason: event.reason,
      wasClean: event.wasClean,
      ...closeWire(event),
    });
    this.#afterPending(() => this.#setStatus('closed'));
  }

  #setStatus(status: ConnectionStatus): void {
    this.#status = status;
    this.#events.emit('status', status);
  }

  #emit(record: UnnumberedRecord): void {
    if (this.#pending === null) this.#events.emit('record', record);
    else this.#emitAfter(Promise.resolve(record));
  }

  #emitAfter(record: Promise<UnnumberedRecord>): void {
    this.#afterPending(() => record.then((r) => this.#events.emit('record', r)));
  }

  /** Runs `step` once every earlier pending record has been delivered. */
  #afterPending(step: () => void | Promise<void>): void {
    if (this.#pending === null) {
      const result = step();
      if (result === undefined) return;
      this.#track(result);
    } else {
      this.#track(this.#pending.then(step));
    }
  }

  #track(chain: Promise<void>): void {
    this.#pending = chain;
    void chain.then(() => {
      if (this.#pending === chain) this.#pending = null;
    });
  }
}
