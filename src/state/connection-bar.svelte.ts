import type { ComposedMessage, ConnectRequest } from '../lib/session/live-session';
import { expandVariables, randomUuid } from '../lib/compose/variables';
import type { DeepLink } from '../lib/deep-link';
import type { BinaryType } from '../lib/model/frame';
import type { SecretVariable } from '../lib/model/session';
import { sameOriginAsProfile } from '../lib/profiles/profile-origin';
import type { Result } from '../lib/result';
import { checkCloseRequest } from '../lib/ws/close-request';
import { checkWebSocketUrl, isBlockedMixedContent, MIXED_CONTENT_EXPLANATION } from '../lib/ws/endpoint';
import { parseSubprotocols } from '../lib/ws/subprotocols';
import type { AgentState } from './agent.svelte';
import { AgentOptionsState } from './agent-options.svelte';
import type { LiveConnectionState } from './live-connection.svelte';

export const DEFAULT_URL = 'ws://localhost:8787/echo';

/** The profile in use, as connecting needs it: its variables fill in `{{name}}`, its messages go out on open. */
export interface ProfileInUse {
  name: string;
  url: string;
  values: Readonly<Record<string, string>>;
  secrets: readonly SecretVariable[];
  sendOnOpen: readonly ComposedMessage[];
  reconnect: boolean;
}

/** The connection bar of one panel: what is typed, checked as it will be used, and connecting with it. */
export class ConnectionBarState {
  url = $state(DEFAULT_URL);
  protocolsText = $state('');
  binaryType = $state<BinaryType>('arraybuffer');
  /** Through the local agent (docs/agent.md): the switch, and what only the agent can send. */
  readonly agent: AgentOptionsState;
  #closeCode = $state('1000');
  #closeReason = $state('');
  /** Errors are shown once the person tried to connect, or when a deep link filled the fields. */
  #showFieldErrors = $state(false);
  #connectError = $state<string | null>(null);
  #closeError = $state<string | null>(null);
  #linkErrors = $state.raw<DeepLink['errors']>({});
  readonly live: LiveConnectionState;
  readonly #profileInUse: () => ProfileInUse | null;
  /** The page's own scheme (location.protocol): an https page may not open ws:// to another host. */
  readonly #pageProtocol: string;

  /** The profile in use, unless the bar now points at another origin: then it is not used at all. */
  readonly profile = $derived.by(() => {
    const profile = this.#profileInUse();
    return profile && sameOriginAsProfile(this.url, profile.url, profile.values) ? profile : null;
  });
  /** A profile is in use but the bar points elsewhere: say so, since its variables and messages stay behind. */
  readonly profileSetAside = $derived.by(() => {
    const profile = this.#profileInUse();
    return profile && this.profile === null ? profile.name : null;
  });
  /** The URL and subprotocols are checked with their {{variables}} filled in, as they will be used. */
  readonly urlCheck = $derived.by(() => {
    const expanded = this.#expand(this.url);
    return expanded.ok
      ? checkWebSocketUrl(expanded.value)
      : { ok: false as const, error: { message: expanded.error } };
  });
  readonly protocolsCheck = $derived.by(() => {
    const expanded = this.#expand(this.protocolsText);
    return expanded.ok ? parseSubprotocols(expanded.value) : expanded;
  });

  constructor(
    live: LiveConnectionState,
    pageProtocol: string,
    profileInUse: () => ProfileInUse | null = () => null,
    loadAgent: () => Promise<AgentState> = () => Promise.reject(new Error('No agent here.')),
  ) {
    this.live = live;
    this.#pageProtocol = pageProtocol;
    this.#profileInUse = profileInUse;
    this.agent = new AgentOptionsState(loadAgent);
  }

  #expand(text: string): Result<string> {
    const values = this.profile?.values ?? {};
    return expandVariables(text, { values, seq: 1, now: Date.now, uuid: randomUuid });
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
  get connectError() {
    return this.#connectError ?? this.live.problem;
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
  /** What connecting will send by itself, in words, shown next to Connect. */
  get sendsOnOpen(): string | null {
    const profile = this.profile;
    const count = profile?.sendOnOpen.length ?? 0;
    if (!profile || count === 0) return null;
    return `Sends ${count} saved message${count === 1 ? '' : 's'} of profile “${profile.name}” on open`;
  }

  /** Fills the bar from a deep link. Connecting, when the link asks for it, is the caller's next step. */
  applyDeepLink(link: DeepLink): void {
    if (link.url !== undefined) this.url = link.url;
    if (link.protocols !== undefined) this.protocolsText = link.protocols;
    if (link.binaryType !== undefined) this.binaryType = link.binaryType;
    this.#linkErrors = link.errors;
    this.#showFieldErrors = link.url !== undefined || link.protocols !== undefined;
  }

  connect(): void {
    this.#request('now');
  }

  /** Connects now, or, while the connection is still closing, as soon as it has closed. */
  connectWhenClosed(): void {
    this.#request('when closed');
  }

  disconnect(): void {
    this.live.session.disconnect();
  }

  closeWithCode(): void {
    const checked = checkCloseRequest(this.#closeCode, this.#closeReason);
    if (!checked.ok) {
      this.#closeError = checked.error;
      return;
    }
    this.live.session.close(checked.value.code, checked.value.reason);
  }

  #request(when: 'now' | 'when closed'): void {
    this.#showFieldErrors = true;
    this.#connectError = null;
    if ((when === 'now' && this.live.isActive) || !this.urlCheck.ok || !this.protocolsCheck.ok) return;
    const url = this.urlCheck.value;
    // Through the agent the page itself only opens ws://127.0.0.1, which an https page may.
    if (!this.agent.throughAgent && isBlockedMixedContent(url, this.#pageProtocol)) {
      this.#connectError = MIXED_CONTENT_EXPLANATION;
      return;
    }
    const profile = this.profile;
    const request: ConnectRequest = {
      url,
      protocols: this.protocolsCheck.value,
      binaryType: this.binaryType,
      values: profile?.values ?? {},
      sendOnOpen: profile?.sendOnOpen ?? [],
      reconnect: profile?.reconnect ?? false,
      secrets: profile?.secrets ?? [],
    };
    if (this.agent.throughAgent) void this.#throughAgent(request, when);
    else {
      this.agent.link?.clear();
      this.#start(request, when);
    }
  }

  /** The socket comes from the agent's code, loaded by now (the switch loads it) but asynchronous all the same. */
  async #throughAgent(request: ConnectRequest, when: 'now' | 'when closed'): Promise<void> {
    try {
      const factory = (await this.agent.useAgent()).factory(this.live.session, this.agent, request);
      if (factory.ok) this.#start({ ...request, createSocket: factory.value }, when);
      else this.#connectError = factory.error;
    } catch (error) {
      this.#connectError = `The agent's part of the app did not load: ${String(error)}`;
    }
  }

  #start(request: ConnectRequest, when: 'now' | 'when closed'): void {
    if (when === 'now') this.live.connect(request);
    else this.live.session.connectWhenClosed(request);
  }
}
