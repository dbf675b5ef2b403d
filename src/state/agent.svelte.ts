import type { AgentState as ClientState, WebSocketConstructor } from '../lib/agent/client';
import { AgentClient } from '../lib/agent/client';
import { DEFAULT_AGENT_URL, readPairing } from '../lib/agent/pairing';
import type { HandshakeReport } from '../lib/agent/protocol';
import type { AgentReport, AgentSocket } from '../lib/agent/socket';
import { agentSocketFactory } from '../lib/agent/socket';
import type { SecretVariable } from '../lib/model/session';
import { preciseNow } from '../lib/model/frame';
import type { ProfileTls } from '../lib/profiles/profile';
import type { Recorder } from '../lib/record/recorder';
import type { Result } from '../lib/result';
import type { ConnectRequest, LiveSession } from '../lib/session/live-session';
import type { SocketFactory } from '../lib/ws/connection';
import { describeReport, maskHandshake, maskSecrets, parseHeaders, tlsOptions } from './agent-text';

/**
 * Where the agent's URL and token are kept: localStorage. The token is a secret like a profile's, but it is not
 * kept with the profiles in IndexedDB: those are exported and imported as files, and a store the export code walks
 * is a store a token can leak from. IndexedDB would protect it no better (both are this origin's, both readable
 * by its scripts: the CSP is the defence there), while a synchronous read lets the Agent state be checked the
 * moment the switch is turned on. The agent makes a new token at every start, so a stale one costs one pairing.
 */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;
const URL_KEY = 'wsi-agent-url';
const TOKEN_KEY = 'wsi-agent-token';

/** The app's one AgentClient, as state: every panel's connections through the agent share it. */
export class AgentState {
  #url = $state(DEFAULT_AGENT_URL);
  #token = $state('');
  #state = $state<ClientState>('not running');
  #detail = $state('Not checked yet.');
  #client: AgentClient | null = null;
  #unsubscribe: () => void = () => undefined;
  readonly #store: KeyValueStore;
  readonly #WebSocket: WebSocketConstructor | undefined;

  constructor(store: KeyValueStore, WebSocket?: WebSocketConstructor) {
    this.#store = store;
    this.#WebSocket = WebSocket;
    this.#url = store.getItem(URL_KEY) ?? DEFAULT_AGENT_URL;
    this.#token = store.getItem(TOKEN_KEY) ?? '';
  }

  get url(): string {
    return this.#url;
  }
  set url(value: string) {
    this.#url = value.trim() || DEFAULT_AGENT_URL;
    this.#store.setItem(URL_KEY, this.#url);
    this.#replaceClient();
  }
  get token(): string {
    return this.#token;
  }
  set token(value: string) {
    this.#token = value.trim();
    this.#store.setItem(TOKEN_KEY, this.#token);
    this.#replaceClient();
  }
  get state(): ClientState {
    return this.#state;
  }
  get detail(): string {
    return this.#detail;
  }

  /** Takes the token (and URL) of a pairing link's fragment; false when it holds none. */
  pair(hash: string): boolean {
    const pairing = readPairing(hash);
    if (!pairing) return false;
    this.#url = pairing.url;
    this.#store.setItem(URL_KEY, pairing.url);
    this.token = pairing.token;
    return true;
  }

  /** Connects to the agent so the Agent state says whether it runs and takes the token. */
  check(): void {
    // Without a token the agent could only refuse, and each refusal counts towards its lockout.
    if (this.#token === '') {
      this.#set(
        'refused',
        'No agent token yet: open the pairing link the agent printed, or paste its token.',
      );
      return;
    }
    this.client()
      .connect()
      .catch(() => undefined);
  }

  /** The client for the current URL and token, made on first use. */
  client(): AgentClient {
    if (this.#client) return this.#client;
    const client = new AgentClient({ url: this.#url, token: this.#token, WebSocket: this.#WebSocket });
    this.#unsubscribe = client.subscribe((state, detail) => this.#set(state, detail));
    this.#client = client;
    return client;
  }

  /** A panel's side of the agent: its handshake, its Ping. */
  link(): AgentLink {
    return new AgentLink(this);
  }

  /** A new URL or token is a new agent connection; connections through the old one end with it. */
  #replaceClient(): void {
    this.#unsubscribe();
    this.#client?.disconnect();
    this.#client = null;
    this.#set('not running', 'Not checked yet.');
  }

  #set(state: ClientState, detail: string): void {
    this.#state = state;
    this.#detail = detail;
  }
}

/** What one connection through the agent asks for, as the connection bar holds it. */
export interface AgentOptions {
  headersText: string;
  tls: ProfileTls;
  pingEverySeconds: number;
}

/** One panel's connections through the agent: the last handshake, and the socket a Ping goes to. */
export class AgentLink {
  handshake = $state.raw<HandshakeReport | null>(null);
  /** The panel's last connection went through the agent: its Handshake is worth showing. */
  used = $state(false);
  open = $state(false);
  #socket: AgentSocket | null = null;
  #secrets: readonly SecretVariable[] = [];

  constructor(readonly agent: AgentState) {}

  /** A socket factory for this request, or why its headers cannot be sent. */
  factory(session: LiveSession, options: AgentOptions, request: ConnectRequest): Result<SocketFactory> {
    const headers = parseHeaders(options.headersText, request.values ?? {});
    if (!headers.ok) return headers;
    const tls = tlsOptions(options.tls);
    const { pingEverySeconds } = options;
    this.#secrets = request.secrets ?? [];
    return {
      ok: true,
      value: (url, protocols) => {
        // Called by LiveSession right after it started this attempt's recording: the reports belong to it.
        const recorder = session.recorder;
        this.handshake = null;
        this.used = true;
        const create = agentSocketFactory(this.agent.client(), {
          headers: headers.value,
          tls,
          pingEverySeconds,
          onReport: (report) => this.#onReport(report, recorder),
          onCreated: (socket) => this.#watch(socket),
        });
        return create(url, protocols);
      },
    };
  }

  /** A direct connection follows: the last agent handshake no longer describes what is on screen. */
  clear(): void {
    this.used = false;
    this.handshake = null;
  }

  ping(): void {
    this.#socket?.ping('wsi');
  }

  pingEvery(seconds: number): void {
    if (this.open) this.#socket?.pingEvery(seconds);
  }

  #watch(socket: AgentSocket): void {
    this.#socket = socket;
    this.open = false;
    socket.addEventListener('open', () => (this.open = this.#socket === socket));
    socket.addEventListener('close', () => {
      if (this.#socket === socket) this.open = false;
    });
  }

  #onReport(report: AgentReport, recorder: Recorder | null): void {
    if (report.kind === 'handshake') this.handshake = maskHandshake(report, this.#secrets);
    const text = describeReport(report);
    if (text !== null) recorder?.append({ kind: 'note', t: preciseNow(), text: this.#mask(text) });
  }

  #mask(text: string): string {
    return maskSecrets(text, this.#secrets);
  }
}
