import type { SendOptions } from '../lib/automation/target';
import type { Unsubscribe } from '../lib/events';
import type { PersistState } from '../lib/record/recorder';
import type {
  CloseInfo,
  ComposedMessage,
  ConnectRequest,
  LiveSession,
  OpenInfo,
} from '../lib/session/live-session';
import type { CloseContext } from '../lib/ws/close-meaning';
import type { ConnectionStatus } from '../lib/ws/connection';
import type { Result } from '../lib/result';

/** How often the live counts and saving figures move on screen: a few times a second, not once per frame. */
const TICK_MS = 250;

/**
 * One LiveSession as the UI sees it: its status, how it opened and closed, how saving goes, counts that move a few
 * times a second. Everything it shows comes from the session's events; it decides nothing itself.
 */
export class LiveConnectionState {
  #status = $state<ConnectionStatus>('closed');
  #openInfo = $state.raw<OpenInfo | null>(null);
  #closeInfo = $state.raw<CloseInfo | null>(null);
  #persist = $state.raw<PersistState | null>(null);
  #reconnect = $state.raw<{ at: number; attempt: number } | null>(null);
  #problem = $state<string | null>(null);
  #connectedUrl = $state('');
  #offeredProtocols = $state(0);
  #sessionId = $state<string | null>(null);
  #bufferedAmount = $state(0);
  #tick = $state(0);
  #tickPending = false;
  /** A connection the person asked for: once open, the Message box takes the focus (a reconnect never does). */
  #focusOnOpen = false;
  readonly session: LiveSession;
  readonly #unsubscribe: Unsubscribe[];

  constructor(session: LiveSession) {
    this.session = session;
    this.#unsubscribe = [
      session.on('recording', ({ meta }) => {
        this.#openInfo = null;
        this.#closeInfo = null;
        this.#problem = null;
        this.#connectedUrl = meta.url;
        this.#offeredProtocols = meta.protocols.length;
        this.#sessionId = meta.id;
      }),
      session.on('status', (status) => (this.#status = status)),
      session.on('open', (info) => (this.#openInfo = info)),
      session.on('close', (info) => (this.#closeInfo = info)),
      session.on('persist', (state) => (this.#persist = state)),
      session.on('reconnect', (next) => (this.#reconnect = next)),
      session.on('problem', (message) => (this.#problem = message)),
      session.on('changed', () => this.#scheduleTick()),
    ];
  }

  get status(): ConnectionStatus {
    return this.#status;
  }
  get isActive(): boolean {
    return this.#status === 'connecting' || this.#status === 'open';
  }
  /** The last connection closed without ever opening: its handshake never completed. */
  get failed(): boolean {
    return this.#status === 'closed' && this.#closeInfo !== null && this.#openInfo === null;
  }
  /** What the page knows of the last close beyond its code (see describeClose). */
  get closeContext(): CloseContext {
    return { opened: this.#openInfo !== null, offeredProtocols: this.#offeredProtocols };
  }
  get openInfo(): OpenInfo | null {
    return this.#openInfo;
  }
  get closeInfo(): CloseInfo | null {
    return this.#closeInfo;
  }
  /** How saving the current recording goes; null before the first. */
  get persist(): PersistState | null {
    return this.#persist;
  }
  get reconnectAt(): number | null {
    return this.#reconnect?.at ?? null;
  }
  get reconnectAttempt(): number {
    return this.#reconnect?.attempt ?? 0;
  }
  /** Why the last connection could not start, or a storage failure while recording. */
  get problem(): string | null {
    return this.#problem;
  }
  get connectedUrl(): string {
    return this.#connectedUrl;
  }
  /** The session being (or last) recorded. */
  get sessionId(): string | null {
    return this.#sessionId;
  }
  get bufferedAmount(): number {
    return this.#bufferedAmount;
  }
  /** The recording's counts, updated a few times a second. */
  get totals() {
    void this.#tick;
    const recorder = this.session.recorder;
    return recorder ? { ...recorder.totals } : null;
  }
  /** How far saving keeps up with the recording, updated a few times a second. */
  get saving() {
    void this.#tick;
    const recorder = this.session.recorder;
    if (!recorder) return null;
    return {
      saved: recorder.savedCount,
      records: recorder.length,
      lagP50: recorder.lag.percentile(0.5),
      lagP99: recorder.lag.percentile(0.99),
    };
  }

  /**
   * The recording this connection last made was deleted: the details strip no longer shows its URL and close,
   * as if nothing had connected yet. A connection still open or connecting keeps everything.
   */
  forget(sessionId: string): void {
    if (this.#sessionId !== sessionId || this.isActive) return;
    this.#connectedUrl = '';
    this.#openInfo = this.#closeInfo = null;
  }

  connect(request: ConnectRequest): Result<void> {
    this.#problem = null;
    this.#focusOnOpen = true;
    return this.session.connect(request);
  }

  /**
   * Whether the composer should take the focus now: once, when the connection asked for opens. Asked on every
   * status change, so a connection that closes without opening drops the request.
   */
  takeFocusOnOpen(): boolean {
    if (this.#status === 'connecting' || this.#status === 'closing') return false;
    const wanted = this.#focusOnOpen && this.#status === 'open';
    this.#focusOnOpen = false;
    return wanted;
  }

  /**
   * The person moved to another tab before the composer took the focus (still connecting, or open but not yet
   * drawn): coming back to this tab later leaves the focus where it is.
   */
  dropFocusRequest(): void {
    this.#focusOnOpen = false;
  }

  /** Sends a composed message (variables filled in with this connection's `{{$seq}}`). */
  send(message: ComposedMessage, options?: SendOptions): Result<void> {
    const sent = this.session.send(message, options);
    if (sent.ok) this.#watchBufferedAmount();
    return sent;
  }

  sendBinary(bytes: Uint8Array): void {
    this.session.sendBinary(bytes);
    this.#watchBufferedAmount();
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off();
  }

  #scheduleTick(): void {
    if (this.#tickPending) return;
    this.#tickPending = true;
    setTimeout(() => {
      this.#tickPending = false;
      this.#tick++;
    }, TICK_MS);
  }

  /** bufferedAmount has no event, so it is sampled every frame until the queue is empty. */
  #watchBufferedAmount(): void {
    const sample = () => {
      this.#bufferedAmount = this.session.bufferedAmount;
      if (this.#bufferedAmount > 0 && this.session.status === 'open') requestAnimationFrame(sample);
    };
    sample();
  }
}
