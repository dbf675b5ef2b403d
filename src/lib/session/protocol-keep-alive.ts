import type { ComposeContext, ConnectionFacts, Decoder, DecoderEntry } from '../decoders/decoder';
import { chooseDecoder } from '../decoders/detect';
import type { DecodeChoice } from '../decoders/registry';
import { DECODER_ENTRIES, loadDecoder } from '../decoders/registry';
import { wireFrameOf } from '../decoders/wire-frame';
import { Emitter } from '../events';
import type { Unsubscribe } from '../events';
import { messageOf } from '../errors';
import { isMessage } from '../model/frame';
import type { LinkContext, ProtocolKeepAliveEvents } from './keep-alive-link';
import { KeepAliveLink } from './keep-alive-link';
import type { LiveSession, OpenInfo, Timers } from './live-session';

/** The composer's ids, per connection, with the negotiated subprotocol GraphQL needs to pick its message names. */
export interface ConnectionComposeContext extends ComposeContext {
  protocol: string;
}

export interface ProtocolKeepAliveOptions {
  entries?: readonly DecoderEntry[];
  load?: (entry: DecoderEntry) => Promise<Decoder>;
  timers?: Timers;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Handshake and keep-alive: a LiveSession subscriber that speaks a protocol's plumbing so servers do not drop the
 * inspector. When a connection opens it finds the protocol (subprotocol, URL, else the first frames), loads its
 * decoder, sends the opening messages, decodes every frame with one stateful DecoderSession, sends what answer()
 * returns for received messages and runs the client heartbeat. Everything it sends goes through LiveSession's send
 * path marked automatic, so it is numbered, saved and shown like any frame.
 *
 * Work runs on one promise chain, never inside LiveSession's `record` dispatch: sending from there would hand other
 * subscribers the answer before the message it answers.
 */
export class ProtocolKeepAlive {
  readonly #events = new Emitter<ProtocolKeepAliveEvents>();
  readonly #live: LiveSession;
  readonly #context: LinkContext;
  readonly #unsubscribe: Unsubscribe[];
  #enabled = true;
  #choice: DecodeChoice = 'auto';
  #link: KeepAliveLink | null = null;
  /**
   * Listening to every record only while a connection's protocol is still wanted: a connection with nothing to keep
   * alive (most of them) then costs the recording path nothing per frame, not even LiveSession's numbered copy.
   */
  #records: Unsubscribe | null = null;
  #chain: Promise<void> = Promise.resolve();

  constructor(live: LiveSession, options: ProtocolKeepAliveOptions = {}) {
    this.#live = live;
    this.#context = {
      live,
      entries: options.entries ?? DECODER_ENTRIES,
      load: options.load ?? loadDecoder,
      timers: options.timers ?? realTimers,
      events: this.#events,
      run: (link, step) => this.#run(link, step),
      stop: () => this.#stop(),
    };
    this.#unsubscribe = [
      live.on('open', (info) => this.#opened(info)),
      live.on('close', () => this.#stop()),
      live.on('recording', () => this.#stop()),
    ];
  }

  on<K extends keyof ProtocolKeepAliveEvents>(
    type: K,
    listener: (payload: ProtocolKeepAliveEvents[K]) => void,
  ): Unsubscribe {
    return this.#events.on(type, listener);
  }

  get enabled(): boolean {
    return this.#enabled;
  }
  /**
   * Off stops at once (no more answers or heartbeats on this connection). On applies from the next connection: a
   * stateful decoder cannot pick up a connection half way, and its opening messages are long due.
   */
  set enabled(value: boolean) {
    this.#enabled = value;
    if (!value) this.#stop();
  }

  /** `Decode as`: Auto keeps alive the protocol detection finds, None nothing, a protocol that protocol. */
  get choice(): DecodeChoice {
    return this.#choice;
  }
  /**
   * Applies to the open connection at once: None stops, a protocol other than the one kept alive starts afresh
   * with it (its handshake, then answers). Auto leaves a running protocol be; on a connection with none, it looks
   * again (subprotocol, URL, then the frames from now on).
   */
  set choice(value: DecodeChoice) {
    if (value === this.#choice) return;
    this.#choice = value;
    const link = this.#link;
    if (link === null || !this.#enabled || this.#live.status !== 'open') return;
    if (!link.done && (value === 'auto' || value === link.found?.id)) return;
    this.#stop();
    this.#begin(link.facts, link.ids);
  }

  /** The composer's ids and the subprotocol, for the connection open now (fresh ids on each connection). */
  get composeContext(): ConnectionComposeContext {
    const link = this.#link;
    if (link === null) return { protocol: '', nextId: counter(0) };
    return {
      protocol: link.facts.protocol,
      nextId: () => ++link.ids,
    };
  }

  /** Like composeContext, but drawing no ids: for checking a message as it is typed. */
  get previewContext(): ConnectionComposeContext {
    return { protocol: this.#link?.facts.protocol ?? '', nextId: counter(this.#link?.ids ?? 0) };
  }

  /** Resolves once everything received so far has been answered: tests await it instead of sleeping. */
  idle(): Promise<void> {
    return this.#chain;
  }

  dispose(): void {
    this.#stop();
    this.#records?.();
    for (const off of this.#unsubscribe) off();
  }

  #opened(info: OpenInfo): void {
    this.#stop();
    this.#begin({ url: info.url, protocol: info.protocol }, 0);
  }

  /** Keeps the connection alive as `Decode as` says, from now on; `ids`: those the composer has drawn on it. */
  #begin(facts: ConnectionFacts, ids: number): void {
    const entries = this.#context.entries;
    const chosen = this.#choice === 'auto' ? null : chooseDecoder(this.#choice, null, entries);
    // Off, or None: the link still holds the composer's ids and subprotocol for this connection.
    const done = !this.#enabled || (this.#choice !== 'auto' && chosen === null);
    const link = new KeepAliveLink(facts, ids, done, this.#context);
    this.#link = link;
    if (link.done) return;
    this.#records = this.#live.on('record', (record) => {
      if (isMessage(record)) this.#link?.message(wireFrameOf(record));
    });
    if (chosen !== null) return link.activate(chosen);
    link.detector.opened(facts.protocol);
    if (link.detector.detected) link.activate(link.detector.detected);
  }

  #run(link: KeepAliveLink, step: () => void | Promise<void>): void {
    this.#chain = this.#chain.then(async () => {
      if (link.done) return;
      try {
        await step();
      } catch (error) {
        this.#events.emit('problem', `Handshake and keep-alive stopped: ${messageOf(error)}`);
        this.#stop();
      }
    });
  }

  /**
   * Stops every timer and sends nothing more on this connection: on close, a new recording, keep-alive turned off,
   * or no protocol to keep alive. The link stays for the composer until the next connection opens.
   */
  #stop(): void {
    const link = this.#link;
    if (link === null || link.done) return;
    link.done = true;
    link.backlog = [];
    this.#records?.();
    this.#records = null;
    link.clearTimer();
    if (link.keepAlive !== null) this.#events.emit('active', null);
  }
}

function counter(start: number): () => number {
  let last = start;
  return () => ++last;
}
