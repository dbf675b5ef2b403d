import type { Profile, ProfileTls } from '../lib/profiles/profile';
import type { AgentLink, AgentState } from './agent.svelte';

/**
 * One connection bar's agent fields: the switch, the headers, TLS and the ping interval. Part of the first screen,
 * so it holds only what is typed: the agent's code (AgentLink, AgentClient) is loaded when first needed.
 */
export class AgentOptionsState {
  throughAgent = $state(false);
  /** As typed, one `Name: value` per line; `{{variables}}` are filled in when connecting. */
  headersText = $state('');
  tls = $state<ProfileTls>({});
  pingEverySeconds = $state(0);
  /** This panel's link to the agent, once the agent's code is loaded. */
  link = $state.raw<AgentLink | null>(null);
  readonly #loadAgent: () => Promise<AgentState>;

  constructor(loadAgent: () => Promise<AgentState>) {
    this.#loadAgent = loadAgent;
  }

  /** Loads the agent's code the first time, and makes this panel's link to it. */
  async useAgent(): Promise<AgentLink> {
    const agent = await this.#loadAgent();
    this.link ??= agent.link();
    return this.link;
  }

  /** What a profile keeps of these fields. */
  get settings(): Pick<Profile, 'throughAgent' | 'headers' | 'tls' | 'pingEverySeconds'> {
    const { throughAgent, headersText, pingEverySeconds } = this;
    return { throughAgent, headers: headersText, tls: { ...this.tls }, pingEverySeconds };
  }

  load(profile: Profile): void {
    this.throughAgent = profile.throughAgent ?? false;
    this.headersText = profile.headers ?? '';
    this.tls = { ...profile.tls };
    this.pingEverySeconds = profile.pingEverySeconds ?? 0;
  }
}
