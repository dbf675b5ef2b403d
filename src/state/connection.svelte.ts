import { checkCloseRequest } from '../lib/ws/close-codes';
import type { ConnectionStatus, SocketFactory } from '../lib/ws/connection';
import { Connection } from '../lib/ws/connection';
import { checkWebSocketUrl, isBlockedMixedContent, MIXED_CONTENT_EXPLANATION } from '../lib/ws/endpoint';
import type { BinaryType } from '../lib/model/frame';
import { preciseNow } from '../lib/model/frame';
import { parseSubprotocols } from '../lib/ws/subprotocols';
import { reconnectDelayMs } from '../lib/ws/backoff';
import { expandVariables, randomUuid } from '../lib/compose/variables';
import type { Result } from '../lib/result';
import type { DeepLink } from '../lib/deep-link';
import type { SessionsState } from './sessions.svelte';

export const DEFAULT_URL = 'ws://localhost:8787/echo';

export interface ConnectionOptions {
  /** What {{name}} stands for: the variables of the profile in use. */
  variableValues?: () => Record<string, string>;
  /** Whether to connect again after a close the person did not ask for. */
  reconnects?: () => boolean;
  /** For tests: a WebSocket of their own. */
  createSocket?: SocketFactory;
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

/** The connection bar and the one live connection: what is typed, what was negotiated, how it ended. */
export class ConnectionController {
  #url = $state(DEFAULT_URL);
  #protocolsText = $state('');
  #binaryType = $state<BinaryType>('arraybuffer');
  #closeCode = $state('1000');
  #closeReason = $state('');

  #status = $state<ConnectionStatus>('closed');
  #connectedUrl = $state('');
  #openInfo = $state.raw<OpenInfo | null>(null);
  #closeInfo = $state.raw<CloseInfo | null>(null);
  #bufferedAmount = $state(0);
  /** Errors are shown once the person tried to connect, or when a deep link filled the fields. */
  #showFieldErrors = $state(false);
  #connectError = $state<string | null>(null);
  #closeError = $state<string | null>(null);
  #linkErrors = $state.raw<DeepLink['errors']>({});

  #connection: Connection | null = null;
  readonly #openListeners: (() => void)[] = [];
  /** Set by connectWhenClosed while the previous connection is still closing. */
  #connectAfterClose = false;
  readonly #sessions: SessionsState;
  readonly #variableValues: () => Record<string, string>;
  readonly #reconnects: () => boolean;
  /** The person asked for the close under way: no reconnecting after it. */
  #closeRequested = false;
  #reconnectAttempt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #reconnectAt = $state<number | null>(null);
  readonly #createSocket: SocketFactory | undefined;

  /** The URL and subprotocols are checked with their {{variables}} filled in, as they will be used. */
  readonly urlCheck = $derived.by(() => {
    const expanded = this.#expand(this.#url);
    return expanded.ok
      ? checkWebSocketUrl(expanded.value)
      : { ok: false as const, error: { message: expanded.error } };
  });
  readonly protocolsCheck = $derived.by(() => {
    const expanded = this.#expand(this.#protocolsText);
    return expanded.ok ? parseSubprotocols(expanded.value) : expanded;
  });

  constructor(sessions: SessionsState, options: ConnectionOptions = {}) {
    this.#sessions = sessions;
    this.#variableValues = options.variableValues ?? (() => ({}));
    this.#reconnects = options.reconnects ?? (() => false);
    this.#createSocket = options.createSocket;
  }

  #expand(text: string): Result<string> {
    return expandVariables(text, { values: this.#variableValues(), seq: 1, now: Date.now, uuid: randomUuid });
  }

  get url() {
    return this.#url;
  }
  set url(value: string) {
    this.#url = value;
  }
  get protocolsText() {
    return this.#protocolsText;
  }
  set protocolsText(value: string) {
    this.#protocolsText = value;
  }
  get binaryType() {
    return this.#binaryType;
  }
  set binaryType(value: BinaryType) {
    this.#binaryType = value;
  }
  get closeCode() {
    return this.#closeCode;
  }
  set closeCode(value: string) {
    this.#closeCode = value;
    this.#closeError = null;
  }
  get closeReason() {
    return this.#closeReason;
  }
  set closeReason(value: string) {
    this.#closeReason = value;
    this.#closeError = null;
  }

  get status() {
    return this.#status;
  }
  get isActive() {
    return this.#status === 'connecting' || this.#status === 'open';
  }
  get connectedUrl() {
    return this.#connectedUrl;
  }
  get openInfo() {
    return this.#openInfo;
  }
  get closeInfo() {
    return this.#closeInfo;
  }
  get bufferedAmount() {
    return this.#bufferedAmount;
  }
  get connectError() {
    return this.#connectError;
  }
  get closeError() {
    return this.#closeError;
  }
  get urlError() {
    return this.#showFieldErrors && !this.urlCheck.ok ? this.urlCheck.error : null;
  }
  get protocolsError() {
    return this.#showFieldErrors && !this.protocolsCheck.ok ? this.protocolsCheck.error : null;
  }
  get linkErrors() {
    return this.#linkErrors;
  }

  /** Fills the bar from a deep link. Connecting, when the link asks for it, is the caller's next step. */
  applyDeepLink(link: DeepLink): void {
    if (link.url !== undefined) this.#url = link.url;
    if (link.protocols !== undefined) this.#protocolsText = link.protocols;
    if (link.binaryType !== undefined) this.#binaryType = link.binaryType;
    this.#linkErrors = link.errors;
    this.#showFieldErrors = link.url !== undefined || link.protocols !== undefined;
  }

  applyUrlFix(fixed: string): void {
    this.#url = fixed;
  }

  /** When the next automatic reconnect will happen, while one is pending. */
  get reconnectAt(): number | null {
    return this.#reconnectAt;
  }
  get reconnectAttempt(): number {
    return this.#reconnectAttempt;
  }

  cancelReconnect(): void {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectAt = null;
    this.#reconnectAttempt = 0;
  }

  connect(): void {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectAt = null;
    this.#closeRequested = false;
    this.#showFieldErrors = true;
    this.#connectError = null;
    if (this.isActive || !this.urlCheck.ok || !this.protocolsCheck.ok) return;
    const url = this.urlCheck.value;
    const protocols = this.protocolsCheck.value;
    if (isBlockedMixedContent(url, location.protocol)) {
      this.#connectError = MIXED_CONTENT_EXPLANATION;
      return;
    }

    this.#openInfo = null;
    this.#closeInfo = null;
    this.#connectedUrl = url;
    const startedAt = preciseNow();
    const recorder = this.#sessions.startRecording({
      url,
      protocols,
      binaryType: this.#binaryType,
      startedAt,
    });
    recorder.append({
      kind: 'note',
      t: startedAt,
      text: `Connecting to ${url}${protocols.length ? ` offering ${protocols.join(', ')}` : ''} (binary type ${this.#binaryType})`,
    });
    try {
      this.#connection = new Connection(
        { url, protocols, binaryType: this.#binaryType },
        {
          record: (record) => {
            recorder.append(record);
            if (record.kind === 'open') {
              this.#openInfo = {
                url,
                protocol: record.protocol,
                extensions: record.extensions,
                at: record.t,
              };
              this.#reconnectAttempt = 0;
              for (const listener of this.#openListeners) listener();
            } else if (record.kind === 'close') {
              this.#closeInfo = { code: record.code, reason: record.reason, wasClean: record.wasClean };
              void this.#sessions.finishRecording(recorder);
            }
          },
          status: (status) => {
            this.#status = status;
            if (status !== 'closed') return;
            if (this.#connectAfterClose) {
              this.#connectAfterClose = false;
              this.connect();
            } else if (!this.#closeRequested && this.#reconnects()) {
              this.#scheduleReconnect();
            }
          },
        },
        this.#createSocket,
      );
    } catch (error) {
      this.#connectError = explainConstructorError(error);
      recorder.append({ kind: 'error', t: preciseNow(), message: this.#connectError });
      void this.#sessions.finishRecording(recorder);
    }
  }

  disconnect(): void {
    this.cancelReconnect();
    this.#closeRequested = true;
    this.#connection?.close(1000);
  }

  #scheduleReconnect(): void {
    this.#reconnectAttempt++;
    const delay = reconnectDelayMs(this.#reconnectAttempt);
    this.#reconnectAt = Date.now() + delay;
    this.#reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  /** Calls `listener` each time a connection opens, after its open event is recorded. */
  onOpen(listener: () => void): void {
    this.#openListeners.push(listener);
  }

  /** Connects now, or, while a connection is still closing, as soon as it has closed. */
  connectWhenClosed(): void {
    this.#closeRequested = true;
    if (this.isActive || this.#status === 'closing') this.#connectAfterClose = true;
    else this.connect();
  }

  closeWithCode(): void {
    const checked = checkCloseRequest(this.#closeCode, this.#closeReason);
    if (!checked.ok) {
      this.#closeError = checked.error;
      return;
    }
    this.#closeRequested = true;
    this.#connection?.close(checked.value.code, checked.value.reason);
  }

  sendText(text: string): void {
    this.#requireOpen().sendText(text);
    this.#watchBufferedAmount();
  }

  sendBinary(bytes: Uint8Array): void {
    this.#requireOpen().sendBinary(bytes);
    this.#watchBufferedAmount();
  }

  #requireOpen(): Connection {
    if (this.#connection === null || this.#status !== 'open') {
      throw new Error('Connect first: messages can only be sent on an open connection.');
    }
    return this.#connection;
  }

  /** bufferedAmount has no event, so it is sampled every frame until the queue is empty. */
  #watchBufferedAmount(): void {
    const connection = this.#connection;
    const sample = () => {
      if (connection !== this.#connection || connection === null) return;
      this.#bufferedAmount = connection.bufferedAmount;
      if (this.#bufferedAmount > 0 && connection.status === 'open') requestAnimationFrame(sample);
    };
    sample();
  }
}

function explainConstructorError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'SecurityError') {
    return `The browser refused the connection (SecurityError): ${MIXED_CONTENT_EXPLANATION}`;
  }
  if (error instanceof DOMException && error.name === 'SyntaxError') {
    return `The browser rejected the URL or subprotocols (SyntaxError): ${error.message}`;
  }
  return `The connection could not be started: ${error instanceof Error ? error.message : String(error)}`;
}
