import type {
  ComposeContext,
  ConnectionFacts,
  Decoder,
  DecoderEntry,
  DecoderSession,
  KeepAlive,
  OutgoingFrame,
  WireFrame,
} from '../decoders/decoder';
import type { Detection } from '../decoders/detect';
import { chooseDecoder, DecoderDetector } from '../decoders/detect';
import type { DecodeChoice } from '../decoders/registry';
import { DECODER_ENTRIES, findEntry, loadDecoder } from '../decoders/registry';
import { wireFrameOf } from '../decoders/wire-frame';
import { Emitter } from '../events';
import type { Unsubscribe } from '../events';
import { messageOf } from '../errors';
import { isMessage } from '../model/frame';
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

export interface ProtocolKeepAliveEvents {
  /** The protocol being kept alive on the current connection, or null (none found, off, or closed). */
  active: Detection | null;
  /** Keeping alive failed: the decoder did not load, or threw. The connection carries on without it. */
  problem: string;
}

/** What the engine knows of one open connection. */
interface Link {
  facts: ConnectionFacts;
  detector: DecoderDetector;
  /** Messages seen before the decoder was ready: a stateful decoder must read the connection from its start. */
  backlog: WireFrame[];
  /** The person sent a message before the protocol was recognized: that message was the handshake. */
  personSpokeFirst: boolean;
  /** The protocol kept alive (its decoder may still be loading), or null while none is found. */
  found: Detection | null;
  decoder: Decoder | null;
  session: DecoderSession | null;
  keepAlive: KeepAlive | null;
  /** Detection settled on nothing, keep-alive was turned off, or the connection closed. */
  done: boolean;
  timer: unknown;
  armedMs: number;
  ids: number;
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
  readonly #entries: readonly DecoderEntry[];
  readonly #load: (entry: DecoderEntry) => Promise<Decoder>;
  readonly #timers: Timers;
  readonly #unsubscribe: Unsubscribe[];
  #enabled = true;
  #choice: DecodeChoice = 'auto';
  #link: Link | null = null;
  /**
   * Listening to every record only while a connection's protocol is still wanted: a connection with nothing to keep
   * alive (most of them) then costs the recording path nothing per frame, not even LiveSession's numbered copy.
   */
  #records: Unsubscribe | null = null;
  #chain: Promise<void> = Promise.resolve();

  constructor(live: LiveSession, options: ProtocolKeepAliveOptions = {}) {
    this.#live = live;
    this.#entries = options.entries ?? DECODER_ENTRIES;
    this.#load = options.load ?? loadDecoder;
    this.#timers = options.timers ?? realTimers;
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
    const detector = new DecoderDetector(facts.url, this.#entries);
    const chosen = this.#choice === 'auto' ? null : chooseDecoder(this.#choice, null, this.#entries);
    const link: Link = {
      facts,
      detector,
      backlog: [],
      personSpokeFirst: false,
      found: null,
      decoder: null,
      session: null,
      keepAlive: null,
      // Off, or None: the link still holds the composer's ids and subprotocol for this connection.
      done: !this.#enabled || (this.#choice !== 'auto' && chosen === null),
      timer: undefined,
      armedMs: 0,
      ids,
    };
    this.#link = link;
    if (link.done) return;
    this.#records = this.#live.on('record', (record) => {
      if (isMessage(record)) this.#message(wireFrameOf(record));
    });
    if (chosen !== null) return this.#activate(link, chosen);
    detector.opened(facts.protocol);
    if (detector.detected) this.#activate(link, detector.detected);
  }

  #message(frame: WireFrame): void {
    const link = this.#link;
    if (link === null || link.done) return;
    if (link.decoder === null) {
      link.backlog.push(frame);
      if (link.found !== null) return; // loading: the backlog is read once it has loaded
      if (frame.dir === 'out') link.personSpokeFirst = true;
      link.detector.message(frame);
      const found = link.detector.detected;
      if (found !== null) this.#activate(link, found);
      else if (link.detector.settled) this.#stop();
      return;
    }
    this.#run(link, () => this.#read(link, frame));
  }

  #activate(link: Link, detection: Detection): void {
    const entry = findEntry(detection.id, this.#entries);
    if (entry === undefined) return this.#stop();
    link.found = detection;
    this.#run(link, async () => {
      const decoder = await this.#load(entry);
      if (link.done) return;
      const keepAlive = decoder.keepAlive?.(link.facts) ?? null;
      if (keepAlive === null) return this.#stop(); // a protocol with nothing to keep alive (plain JSON)
      link.decoder = decoder;
      link.session = decoder.start(link.facts);
      link.keepAlive = keepAlive;
      this.#events.emit('active', detection);
      // A protocol recognized by the person's own first message (an MQTT CONNECT) is already greeted.
      const greeted = detection.reason === 'from the first frames' && link.personSpokeFirst;
      if (!greeted) this.#send(link, keepAlive.onOpen(link.facts));
      const backlog = link.backlog;
      link.backlog = [];
      for (const frame of backlog) this.#read(link, frame);
      this.#arm(link);
    });
  }

  /** Decodes one frame in order; a received message may need an answer, which may change the heartbeat. */
  #read(link: Link, frame: WireFrame): void {
    if (link.done || link.session === null || link.keepAlive === null) return;
    const decoded = link.session.decode(frame);
    if (frame.dir !== 'in' || !decoded.ok) return;
    for (const message of decoded.value) this.#send(link, link.keepAlive.answer(message));
    // Some heartbeats take their interval from the handshake (Engine.IO 3's open packet): read it again.
    this.#arm(link);
  }

  #arm(link: Link): void {
    const heartbeat = link.keepAlive?.heartbeat;
    if (link.done || heartbeat === undefined) return;
    const ms = heartbeat.intervalMs;
    if (link.timer !== undefined && ms === link.armedMs) return;
    this.#clearTimer(link);
    if (!(ms > 0)) return;
    link.armedMs = ms;
    link.timer = this.#timers.set(() => {
      link.timer = undefined;
      // Read once per beat: some frames are getters that make a fresh reference each time (Phoenix).
      this.#run(link, () => {
        this.#send(link, [heartbeat.frame]);
        this.#arm(link);
      });
    }, ms);
  }

  #send(link: Link, frames: readonly OutgoingFrame[]): void {
    for (const frame of frames) {
      if (link.done) return;
      if (this.#live.status !== 'open') return this.#stop();
      if ('text' in frame) this.#live.sendText(frame.text, true);
      else this.#live.sendBinary(frame.bytes, true);
    }
  }

  #run(link: Link, step: () => void | Promise<void>): void {
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

  #clearTimer(link: Link): void {
    if (link.timer === undefined) return;
    this.#timers.clear(link.timer);
    link.timer = undefined;
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
    this.#clearTimer(link);
    if (link.keepAlive !== null) this.#events.emit('active', null);
  }
}

function counter(start: number): () => number {
  let last = start;
  return () => ++last;
}
