import type { DecodeChoice } from '../lib/decoders/registry';
import type { LiveSession } from '../lib/session/live-session';
import type { ConnectionComposeContext, ProtocolKeepAlive } from '../lib/session/protocol-keep-alive';

/**
 * The `Handshake and keep-alive` switch of one connection and the engine behind it. The engine brings every
 * protocol's detection, so it loads beside the first screen rather than in it; `ready` says when it listens.
 */
export class KeepAliveState {
  #on = $state(true);
  #decodeAs: DecodeChoice = 'auto';
  #engine: ProtocolKeepAlive | null = null;
  /** Resolves once the engine listens: a connection opened before then goes without it. */
  readonly ready: Promise<void>;

  constructor(live: LiveSession) {
    this.ready = import('../lib/session/protocol-keep-alive').then(({ ProtocolKeepAlive }) => {
      const engine = new ProtocolKeepAlive(live);
      engine.enabled = this.#on;
      engine.choice = this.#decodeAs;
      this.#engine = engine;
    });
  }

  /** On by default; off stops it on the open connection at once. */
  get on(): boolean {
    return this.#on;
  }
  set on(value: boolean) {
    this.#on = value;
    if (this.#engine) this.#engine.enabled = value;
  }

  /** `Decode as`, which the keep-alive follows: None keeps nothing alive, a protocol that one (see the engine). */
  set decodeAs(choice: DecodeChoice) {
    this.#decodeAs = choice;
    if (this.#engine) this.#engine.choice = choice;
  }

  /** The connection's ids and subprotocol, which protocol formats compose with. */
  get composeContext(): ConnectionComposeContext {
    return this.#engine?.composeContext ?? noConnection();
  }
  /** Like composeContext, drawing no ids: for checking a message as it is typed. */
  get previewContext(): ConnectionComposeContext {
    return this.#engine?.previewContext ?? noConnection();
  }
}

/** Before the engine has loaded: ids from 1, no negotiated subprotocol. */
function noConnection(): ConnectionComposeContext {
  let id = 0;
  return { protocol: '', nextId: () => ++id };
}
