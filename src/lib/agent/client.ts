import type { ChannelCarrier, ChannelHandlers } from './channel';
import { AgentChannel } from './channel';
import { FLAG_BINARY, encodeFrame, readFrames } from './frame-header';
import type { AppMessage, OpenMessage } from './protocol';
import { parseAgentMessage } from './protocol';

export type AgentState = 'connecting' | 'connected' | 'not running' | 'refused';

/** The browser's WebSocket by default; tests in Node pass `ws`'s. */
export type WebSocketConstructor = new (url: string) => WebSocket;

export interface AgentClientOptions {
  /** ws://127.0.0.1:8790 unless the agent was started with --port. */
  url: string;
  token: string;
  WebSocket?: WebSocketConstructor;
}

/** The close code the agent uses for every refusal (wrong token, locked out). */
const POLICY_VIOLATION = 1008;

/**
 * One WebSocket to the local agent: authenticates with the token as the first message, then carries any number of
 * upstream connections, each a channel with its own id.
 */
export class AgentClient implements ChannelCarrier {
  readonly #options: AgentClientOptions;
  #socket: WebSocket | null = null;
  #state: AgentState = 'not running';
  #detail = 'Not connected yet.';
  #connecting: Promise<void> | null = null;
  #nextId = 1;
  readonly #channels = new Map<number, AgentChannel>();
  /** Open requests made before the agent said it was ready. */
  #waiting: OpenMessage[] = [];
  readonly #listeners = new Set<(state: AgentState, detail: string) => void>();

  constructor(options: AgentClientOptions) {
    this.#options = options;
  }

  get state(): AgentState {
    return this.#state;
  }

  /** Why the state is what it is, in words for the Agent state status. */
  get detail(): string {
    return this.#detail;
  }

  /** Bytes queued towards the agent, for every connection together. */
  get bufferedAmount(): number {
    return this.#socket?.bufferedAmount ?? 0;
  }

  /** Calls `listener` on every change of state; returns the unsubscribe function. */
  subscribe(listener: (state: AgentState, detail: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Connects and authenticates; resolves when connected, rejects with the reason otherwise. Idempotent. */
  connect(): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve();
    this.#connecting ??= new Promise<void>((resolve, reject) => {
      const Socket = this.#options.WebSocket ?? WebSocket;
      let socket: WebSocket;
      try {
        socket = new Socket(this.#options.url);
      } catch (error) {
        this.#connecting = null;
        this.#setState('not running', `The agent URL cannot be used: ${String(error)}`);
        reject(new Error(this.#detail));
        return;
      }
      this.#socket = socket;
      socket.binaryType = 'arraybuffer';
      let opened = false;
      this.#setState('connecting', 'Connecting to the agent…');
      // The close event that follows says what happened; Node's ws also needs a listener to not throw.
      socket.addEventListener('error', () => undefined);
      socket.addEventListener('open', () => {
        opened = true;
        this.#sendControl({ type: 'auth', token: this.#options.token });
      });
      socket.addEventListener('message', (event: MessageEvent) => {
        if (this.#state === 'connecting') {
          const message = typeof event.data === 'string' ? parseAgentMessage(event.data) : null;
          if (message?.type !== 'ready') return;
          this.#connecting = null;
          this.#setState('connected', 'Connected to the agent.');
          for (const open of this.#waiting) this.#sendControl(open);
          this.#waiting = [];
          resolve();
          return;
        }
        this.#onMessage(event.data);
      });
      socket.addEventListener('close', (event: CloseEvent) => {
        const wasConnected = this.#state === 'connected';
        this.#socket = null;
        this.#connecting = null;
        if (event.code === POLICY_VIOLATION) {
          this.#setState('refused', `The agent refused the connection: ${event.reason || 'wrong token'}`);
        } else if (wasConnected) {
          this.#setState(
            'not running',
            event.code === 1001 ? 'The agent stopped.' : 'Lost the connection to the agent.',
          );
        } else {
          // A page cannot tell a stopped agent from one that refused its Origin or Host: both look like 1006.
          this.#setState(
            'not running',
            opened
              ? 'The agent closed the connection.'
              : `Nothing answered at ${this.#options.url}: is the agent running (npm run agent)?`,
          );
        }
        this.#loseAll(this.#detail);
        if (!wasConnected) reject(new Error(this.#detail));
      });
    });
    return this.#connecting;
  }

  disconnect(): void {
    this.#socket?.close(1000, 'The app disconnected');
  }

  /**
   * Opens an upstream connection through the agent; connects to the agent first if needed. The handlers hear
   * everything about it until a `closed` control message or `lost`.
   */
  openChannel(request: Omit<OpenMessage, 'type' | 'id'>, handlers: ChannelHandlers): AgentChannel {
    const channel = new AgentChannel(this, this.#nextId++, handlers);
    this.#channels.set(channel.id, channel);
    const open: OpenMessage = { type: 'open', id: channel.id, ...request };
    if (this.#state === 'connected') this.#sendControl(open);
    else {
      this.#waiting.push(open);
      // A failed connect reaches the channel through lost(); nothing more to do with the rejection here.
      this.connect().catch(() => undefined);
    }
    return channel;
  }

  /** @internal for AgentChannel */
  sendControl(message: AppMessage): void {
    this.#sendControl(message);
  }

  /** @internal for AgentChannel */
  sendFrame(id: number, binary: boolean, payload: Uint8Array): void {
    this.#socket?.send(encodeFrame(id, binary ? FLAG_BINARY : 0, payload));
  }

  /** @internal for AgentChannel: the channel heard its end and needs nothing more. */
  forget(id: number): void {
    this.#channels.delete(id);
    this.#waiting = this.#waiting.filter((open) => open.id !== id);
  }

  #sendControl(message: AppMessage): void {
    this.#socket?.send(JSON.stringify(message));
  }

  #onMessage(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      readFrames(data, (id, flags, payload) => this.#channels.get(id)?.handlers.frame(flags, payload));
      return;
    }
    if (typeof data !== 'string') return;
    const message = parseAgentMessage(data);
    if (!message || message.type === 'ready') return;
    const channel = message.id === undefined ? undefined : this.#channels.get(message.id);
    if (!channel) return;
    if (message.type === 'closed') this.forget(channel.id);
    channel.handlers.control(message);
  }

  #loseAll(reason: string): void {
    const channels = [...this.#channels.values()];
    this.#channels.clear();
    this.#waiting = [];
    for (const channel of channels) channel.handlers.lost(reason);
  }

  #setState(state: AgentState, detail: string): void {
    this.#state = state;
    this.#detail = detail;
    for (const listener of this.#listeners) listener(state, detail);
  }
}
