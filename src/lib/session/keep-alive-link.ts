/** Keep-alive on one open connection: finds its protocol, loads the decoder, answers and beats until it is done. */
import type {
  ConnectionFacts,
  Decoder,
  DecoderEntry,
  DecoderSession,
  KeepAlive,
  OutgoingFrame,
  WireFrame,
} from '../decoders/decoder';
import type { Detection } from '../decoders/detect';
import { DecoderDetector } from '../decoders/detect';
import { findEntry } from '../decoders/registry';
import type { Emitter } from '../events';
import type { LiveSession, Timers } from './live-session';

export interface ProtocolKeepAliveEvents {
  /** The protocol being kept alive on the current connection, or null (none found, off, or closed). */
  active: Detection | null;
  /** Keeping alive failed: the decoder did not load, or threw. The connection carries on without it. */
  problem: string;
}

/** What a link needs of the ProtocolKeepAlive that made it. */
export interface LinkContext {
  live: LiveSession;
  entries: readonly DecoderEntry[];
  load: (entry: DecoderEntry) => Promise<Decoder>;
  timers: Timers;
  events: Emitter<ProtocolKeepAliveEvents>;
  /** Queues a step on the engine's one promise chain; it is skipped once the link is done. */
  run: (link: KeepAliveLink, step: () => void | Promise<void>) => void;
  /** Stops keeping alive on the current connection. */
  stop: () => void;
}

export class KeepAliveLink {
  readonly facts: ConnectionFacts;
  readonly detector: DecoderDetector;
  /** Messages seen before the decoder was ready: a stateful decoder must read the connection from its start. */
  backlog: WireFrame[] = [];
  /** The person sent a message before the protocol was recognized: that message was the handshake. */
  personSpokeFirst = false;
  /** The protocol kept alive (its decoder may still be loading), or null while none is found. */
  found: Detection | null = null;
  decoder: Decoder | null = null;
  session: DecoderSession | null = null;
  keepAlive: KeepAlive | null = null;
  /** Detection settled on nothing, keep-alive was turned off, or the connection closed. */
  done: boolean;
  timer: unknown;
  armedMs = 0;
  /** The composer's ids drawn on this connection. */
  ids: number;
  readonly #context: LinkContext;

  constructor(facts: ConnectionFacts, ids: number, done: boolean, context: LinkContext) {
    this.facts = facts;
    this.detector = new DecoderDetector(facts.url, context.entries);
    this.done = done;
    this.ids = ids;
    this.#context = context;
  }

  message(frame: WireFrame): void {
    if (this.done) return;
    if (this.decoder === null) {
      this.backlog.push(frame);
      if (this.found !== null) return; // loading: the backlog is read once it has loaded
      if (frame.dir === 'out') this.personSpokeFirst = true;
      this.detector.message(frame);
      const found = this.detector.detected;
      if (found !== null) this.activate(found);
      else if (this.detector.settled) this.#context.stop();
      return;
    }
    this.#context.run(this, () => this.#read(frame));
  }

  activate(detection: Detection): void {
    const entry = findEntry(detection.id, this.#context.entries);
    if (entry === undefined) return this.#context.stop();
    this.found = detection;
    this.#context.run(this, async () => {
      const decoder = await this.#context.load(entry);
      if (this.done) return;
      const keepAlive = decoder.keepAlive?.(this.facts) ?? null;
      if (keepAlive === null) return this.#context.stop(); // a protocol with nothing to keep alive (plain JSON)
      this.decoder = decoder;
      this.session = decoder.start(this.facts);
      this.keepAlive = keepAlive;
      this.#context.events.emit('active', detection);
      // A protocol recognized by the person's own first message (an MQTT CONNECT) is already greeted.
      const greeted = detection.reason === 'from the first frames' && this.personSpokeFirst;
      if (!greeted) this.#send(keepAlive.onOpen(this.facts));
      const backlog = this.backlog;
      this.backlog = [];
      for (const frame of backlog) this.#read(frame);
      this.#arm();
    });
  }

  /** Decodes one frame in order; a received message may need an answer, which may change the heartbeat. */
  #read(frame: WireFrame): void {
    if (this.done || this.session === null || this.keepAlive === null) return;
    const decoded = this.session.decode(frame);
    if (frame.dir !== 'in' || !decoded.ok) return;
    for (const message of decoded.value) this.#send(this.keepAlive.answer(message));
    // Some heartbeats take their interval from the handshake (Engine.IO 3's open packet): read it again.
    this.#arm();
  }

  #arm(): void {
    const heartbeat = this.keepAlive?.heartbeat;
    if (this.done || heartbeat === undefined) return;
    const ms = heartbeat.intervalMs;
    if (this.timer !== undefined && ms === this.armedMs) return;
    this.clearTimer();
    if (!(ms > 0)) return;
    this.armedMs = ms;
    this.timer = this.#context.timers.set(() => {
      this.timer = undefined;
      // Read once per beat: some frames are getters that make a fresh reference each time (Phoenix).
      this.#context.run(this, () => {
        this.#send([heartbeat.frame]);
        this.#arm();
      });
    }, ms);
  }

  #send(frames: readonly OutgoingFrame[]): void {
    const live = this.#context.live;
    for (const frame of frames) {
      if (this.done) return;
      if (live.status !== 'open') return this.#context.stop();
      if ('text' in frame) live.sendText(frame.text, true);
      else live.sendBinary(frame.bytes, true);
    }
  }

  clearTimer(): void {
    if (this.timer === undefined) return;
    this.#context.timers.clear(this.timer);
    this.timer = undefined;
  }
}
