import type { AgentChannel, AgentClient } from './client';
import { FLAG_BINARY, FLAG_COMPRESSED, FLAG_INBOUND } from './frame-header';
import type { WireFacts } from '../model/frame';
import type { AgentConnectOptions, AgentMessage, CloseFrame, HandshakeReport } from './protocol';

/** What the agent shows beyond a WebSocket's events; the UI turns these into note rows and the Handshake panel. */
export type AgentReport =
  | ({ kind: 'handshake' } & HandshakeReport)
  | { kind: 'warning'; message: string }
  /** Why the connection failed or a frame was not sent: `code` is stable (docs/agent.md), `message` is for people. */
  | { kind: 'failure'; code: string; message: string }
  | { kind: 'ping' | 'pong'; dir: 'in' | 'out'; data: Uint8Array }
  /** One per message each way, right after its message event (or send). */
  | { kind: 'frame'; dir: 'in' | 'out'; opcode: 'text' | 'binary'; compressed: boolean; size: number }
  /** The server's close frame as sent, reported just before the close event; absent when none came. */
  | { kind: 'close-frame'; frame: CloseFrame };

export interface AgentSocketOptions extends AgentConnectOptions {
  /** Called synchronously, in order with the socket's own events. */
  onReport?: (report: AgentReport) => void;
}

/** Error codes about one frame, ping or close request: the connection goes on, so no error event. */
const ABOUT_ONE_MESSAGE = new Set(['not-open', 'frame-not-sent', 'bad-close', 'bad-ping']);

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

function fromBase64(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A close event that browsers and Node both build: CloseEvent is not a global in Node 20. */
function closeEvent(code: number, reason: string, wasClean: boolean, closeFrameHex?: string): CloseEvent {
  const wire: WireFacts = closeFrameHex === undefined ? {} : { closeFrameHex };
  return Object.assign(new Event('close'), { code, reason, wasClean }, wire) as CloseEvent;
}

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
    switch (message.type) {
      case 'handshake': {
        this.#report({
          kind: 'handshake',
          request: message.request,
          response: message.response,
          tls: message.tls,
        });
        return;
      }
      case 'warning':
        this.#report({ kind: 'warning', message: message.message });
        return;
      case 'opened':
        this.protocol = message.protocol;
        this.extensions = message.extensions;
        this.#compressesOutgoing = message.compressesOutgoing;
        if (this.readyState === AgentSocket.CONNECTING) this.readyState = AgentSocket.OPEN;
        this.dispatchEvent(new Event('open'));
        return;
      case 'ping':
      case 'pong':
        this.#report({ kind: message.type, dir: message.dir, data: fromBase64(message.b64) });
        return;
      case 'error':
        this.#report({ kind: 'failure', code: message.code, message: message.message });
        // Like a browser, an error event only when the connection itself fails (a close follows).
        if (!ABOUT_ONE_MESSAGE.has(message.code)) {
          this.#failed = true;
          this.dispatchEvent(new Event('error'));
        }
        return;
      case 'closed':
        if (message.frame) this.#report({ kind: 'close-frame', frame: message.frame });
        this.#finish(message.code, message.reason, message.wasClean, message.frame?.payloadHex);
        return;
      case 'ready':
        return;
    }
  }

  #onFrame(flags: number, payload: Uint8Array<ArrayBuffer>): void {
    if ((flags & FLAG_INBOUND) === 0) return;
    const binary = (flags & FLAG_BINARY) !== 0;
    let data: string | ArrayBuffer | Blob;
    if (!binary) data = textDecoder.decode(payload);
    else if (this.binaryType === 'blob') data = new Blob([payload]);
    else data = payload.slice().buffer;
    const compressed = (flags & FLAG_COMPRESSED) !== 0;
    const event: MessageEvent & WireFacts = new MessageEvent('message', { data });
    event.compressed = compressed;
    this.dispatchEvent(event);
    this.#report({
      kind: 'frame',
      dir: 'in',
      opcode: binary ? 'binary' : 'text',
      compressed,
      size: payload.byteLength,
    });
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
