import { utf8Length } from '../encoding/utf8';
import type { SocketCommand, SocketReport } from './worker-protocol';

/** What the page needs of a Worker (tests pass a MessagePort-backed one). */
export interface SocketWorkerPort {
  postMessage(message: SocketCommand): void;
  onmessage: ((event: MessageEvent<SocketReport[]>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Fields a WorkerSocket's events carry beyond the DOM's: when the worker saw the event fire. */
export interface StampedEvent {
  firedAt?: number;
}

type Handler<E extends Event> = ((this: WebSocket, ev: E) => unknown) | null;

/**
 * A WebSocket whose connection lives in a dedicated worker (worker.ts): it behaves like the browser's for
 * everything Connection uses, and its events carry `firedAt`, the time the worker saw them, since they reach the
 * page in batches.
 *
 * The page's main thread then handles one message per batch, not a task per frame, and a busy page delays when
 * frames are shown, never when they are received.
 */
export class WorkerSocket extends EventTarget implements WebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  protocol = '';
  extensions = '';
  readyState: number = WorkerSocket.CONNECTING;
  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<Event> = null;
  onclose: Handler<CloseEvent> = null;

  readonly #worker: SocketWorkerPort;
  #binaryType: BinaryType = 'blob';
  /** Bytes posted to the worker that have not reached its socket yet. */
  #inFlight = 0;
  /** What the worker's socket last said it still holds. */
  #buffered = 0;

  constructor(
    worker: SocketWorkerPort,
    readonly url: string,
    protocols: string[],
  ) {
    super();
    this.#worker = worker;
    worker.onmessage = (event) => {
      for (const report of event.data) this.#onReport(report);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(`The socket worker failed: ${event.message}`);
    };
    worker.postMessage({ type: 'connect', url, protocols, binaryType: this.#binaryType });
  }

  get binaryType(): BinaryType {
    return this.#binaryType;
  }
  set binaryType(binaryType: BinaryType) {
    this.#binaryType = binaryType;
    this.#worker.postMessage({ type: 'binaryType', binaryType });
  }

  get bufferedAmount(): number {
    return this.#inFlight + this.#buffered;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.readyState === WorkerSocket.CONNECTING)
      throw new DOMException('Still connecting', 'InvalidStateError');
    if (this.readyState !== WorkerSocket.OPEN) return;
    if (data instanceof Blob)
      throw new TypeError('Sending a Blob through the socket worker is not supported.');
    if (typeof data === 'string') {
      const size = utf8Length(data);
      this.#inFlight += size;
      this.#worker.postMessage({ type: 'send', data, size });
      return;
    }
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
    this.#inFlight += bytes.byteLength;
    this.#worker.postMessage({ type: 'send', data: bytes, size: bytes.byteLength });
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === WorkerSocket.CLOSING || this.readyState === WorkerSocket.CLOSED) return;
    this.readyState = WorkerSocket.CLOSING;
    this.#worker.postMessage({ type: 'close', code, reason });
  }

  override dispatchEvent(event: Event): boolean {
    const handler = { open: this.onopen, message: this.onmessage, error: this.onerror, close: this.onclose }[
      event.type as 'open' | 'message' | 'error' | 'close'
    ] as Handler<Event> | undefined;
    const result = super.dispatchEvent(event);
    handler?.call(this, event);
    return result;
  }

  #onReport(report: SocketReport): void {
    switch (report.type) {
      case 'message':
        this.dispatchEvent(stamped(new MessageEvent('message', { data: report.data }), report.t));
        return;
      case 'open':
        this.protocol = report.protocol;
        this.extensions = report.extensions;
        if (this.readyState === WorkerSocket.CONNECTING) this.readyState = WorkerSocket.OPEN;
        this.dispatchEvent(stamped(new Event('open'), report.t));
        return;
      case 'error':
        this.dispatchEvent(stamped(new Event('error'), report.t));
        return;
      case 'close':
        this.#finish(report.code, report.reason, report.wasClean, report.t);
        return;
      case 'buffered':
        this.#inFlight -= report.sent;
        this.#buffered = report.amount;
        return;
      case 'refused':
        // The page checks the URL and mixed content before connecting (connection-bar), so this is rare: it ends
        // like a connection that failed, with the browser's words as the close's reason.
        this.#fail(`The browser refused to open it (${report.name}): ${report.message}`);
        return;
    }
  }

  #fail(reason: string): void {
    if (this.readyState === WorkerSocket.CLOSED) return;
    this.dispatchEvent(new Event('error'));
    this.#finish(1006, reason, false);
  }

  #finish(code: number, reason: string, wasClean: boolean, t?: number): void {
    this.readyState = WorkerSocket.CLOSED;
    this.#inFlight = this.#buffered = 0;
    const event = Object.assign(new Event('close'), { code, reason, wasClean }) as CloseEvent;
    this.dispatchEvent(t === undefined ? event : stamped(event, t));
    this.#worker.terminate();
  }
}

function stamped<E extends Event>(event: E, firedAt: number): E & StampedEvent {
  return Object.assign(event, { firedAt });
}

/** A SocketFactory (connection.ts) whose sockets each live in a worker that `startWorker` starts. */
export function workerSocketFactory(
  startWorker: () => SocketWorkerPort,
): (url: string, protocols: string[]) => WebSocket {
  return (url, protocols) => new WorkerSocket(startWorker(), url, protocols);
}
