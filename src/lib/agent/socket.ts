import type { AgentChannel } from './channel';
import type { AgentClient } from './client';
import { FLAG_BINARY, FLAG_COMPRESSED, FLAG_INBOUND } from './frame-header';
import type { AgentConnectOptions, AgentMessage } from './protocol';
import type { AgentReport } from './report';
import { failsConnection, reportOf } from './report';
import { closeEvent, messageEvent } from './socket-events';

export type { AgentReport } from './report';

export interface AgentSocketOptions extends AgentConnectOptions {
  /** Called synchronously, in order with the socket's own events. */
  onReport?: (report: AgentReport) => void;
}

const textEncoder = new TextEncoder();

/**
 * A WebSocket whose connection is made by the agent: it behaves like the browser's for everything Connection uses
 * (events open/message/error/close, send, close, binaryType, protocol, extensions, bufferedAmount, url), so
 * recording works unchanged, and it reports what the agent sees beyond that through `onReport`.
 */
export class AgentSocket extends EventTarget implements WebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  binaryType: BinaryType = 'blob';
  protocol = '';
  extensions = '';
  readyState: number = AgentSocket.CONNECTING;
  onopen: ((this: WebSocket, ev: Event) => unknown) | null = null;
  onmessage: ((this: WebSocket, ev: MessageEvent) => unknown) | null = null;
  onerror: ((this: WebSocket, ev: Event) => unknown) | null = null;
  onclose: ((this: WebSocket, ev: CloseEvent) => unknown) | null = null;

  readonly #channel: AgentChannel;
  readonly #report: (report: AgentReport) => void;
  #compressesOutgoing = false;
  #failed = false;

  constructor(
    client: AgentClient,
    readonly url: string,
    protocols: string[],
    options: AgentSocketOptions = {},
  ) {
    super();
    const { onReport, ...connectOptions } = options;
    this.#report = onReport ?? (() => undefined);
    this.#channel = client.openChannel(
      { url, protocols, ...connectOptions },
      {
        control: (message) => this.#onControl(message),
        frame: (flags, payload) => this.#onFrame(flags, payload),
        lost: (reason) => this.#fail('agent-lost', reason),
      },
    );
  }

  /** With permessage-deflate agreed the agent compresses every message it sends (WireFacts). */
  get compressesOutgoing(): boolean {
    return this.#compressesOutgoing;
  }

  /** Bytes queued towards the agent (shared by every connection through it). */
  get bufferedAmount(): number {
    return this.#channel.client.bufferedAmount;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.readyState === AgentSocket.CONNECTING)
      throw new DOMException('Still connecting', 'InvalidStateError');
    if (this.readyState !== AgentSocket.OPEN) return;
    if (typeof data === 'string') {
      const bytes = textEncoder.encode(data);
      this.#channel.sendText(bytes);
      this.#reportOut('text', bytes.byteLength);
    } else if (data instanceof Blob) {
      // Reading a Blob is asynchronous and could reorder messages; Connection never sends one.
      throw new TypeError('Sending a Blob through the agent is not supported: send its bytes.');
    } else {
      const bytes = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
      this.#channel.sendBinary(bytes);
      this.#reportOut('binary', bytes.byteLength);
    }
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === AgentSocket.CLOSING || this.readyState === AgentSocket.CLOSED) return;
    this.readyState = AgentSocket.CLOSING;
    this.#channel.close(code, reason);
  }

  /** Sends a protocol ping (up to 125 bytes of text); its pong arrives as a report. */
  ping(data = ''): void {
    if (this.readyState === AgentSocket.OPEN) this.#channel.ping(data);
  }

  /** Pings every `seconds` from now on (0 stops). */
  pingEvery(seconds: number): void {
    this.#channel.pingEvery(seconds);
  }

  override dispatchEvent(event: Event): boolean {
    const handler = { open: this.onopen, message: this.onmessage, error: this.onerror, close: this.onclose }[
      event.type as 'open' | 'message' | 'error' | 'close'
    ] as ((this: WebSocket, ev: Event) => unknown) | null | undefined;
    const result = super.dispatchEvent(event);
    handler?.call(this, event);
    return result;
  }

  #onControl(message: AgentMessage): void {
    const report = reportOf(message);
    if (report) this.#report(report);
    switch (message.type) {
      case 'opened':
        this.protocol = message.protocol;
        this.extensions = message.extensions;
        this.#compressesOutgoing = message.compressesOutgoing;
        if (this.readyState === AgentSocket.CONNECTING) this.readyState = AgentSocket.OPEN;
        this.dispatchEvent(new Event('open'));
        return;
      case 'error':
        // Like a browser, an error event only when the connection itself fails (a close follows).
        if (failsConnection(message.code)) {
          this.#failed = true;
          this.dispatchEvent(new Event('error'));
        }
        return;
      case 'closed':
        this.#finish(message.code, message.reason, message.wasClean, message.frame?.payloadHex);
        return;
    }
  }

  #onFrame(flags: number, payload: Uint8Array<ArrayBuffer>): void {
    if ((flags & FLAG_INBOUND) === 0) return;
    const binary = (flags & FLAG_BINARY) !== 0;
    const compressed = (flags & FLAG_COMPRESSED) !== 0;
    this.dispatchEvent(messageEvent(payload, binary, compressed, this.binaryType));
    const opcode = binary ? 'binary' : 'text';
    this.#report({ kind: 'frame', dir: 'in', opcode, compressed, size: payload.byteLength });
  }

  #reportOut(opcode: 'text' | 'binary', size: number): void {
    this.#report({ kind: 'frame', dir: 'out', opcode, compressed: this.#compressesOutgoing, size });
  }

  /** The link to the agent is gone: end like a browser socket whose network went away, with the reason. */
  #fail(code: string, reason: string): void {
    if (this.readyState === AgentSocket.CLOSED) return;
    this.#report({ kind: 'failure', code, message: reason });
    if (!this.#failed) this.dispatchEvent(new Event('error'));
    this.#finish(1006, reason, false);
  }

  #finish(code: number, reason: string, wasClean: boolean, closeFrameHex?: string): void {
    this.readyState = AgentSocket.CLOSED;
    this.dispatchEvent(closeEvent(code, reason, wasClean, closeFrameHex));
  }
}

/**
 * A SocketFactory (src/lib/ws/connection.ts) whose sockets go through the agent. `onCreated` hands the caller each
 * socket, for ping() and pingEvery().
 */
export function agentSocketFactory(
  client: AgentClient,
  options: AgentSocketOptions & { onCreated?: (socket: AgentSocket) => void } = {},
): (url: string, protocols: string[]) => WebSocket {
  const { onCreated, ...socketOptions } = options;
  return (url, protocols) => {
    const socket = new AgentSocket(client, url, protocols, socketOptions);
    onCreated?.(socket);
    return socket;
  };
}
