import type { Direction } from '../model/frame';
import type { Result } from '../result';

/**
 * The decoder seam. A decoder reads the messages a protocol (Socket.IO, MQTT, JSON-RPC…) wraps in WebSocket frames.
 * Decoders are pure and worker-safe: no DOM, no Svelte, no storage; the grid's preview, Frame details, the filter
 * worker, the timeline's pairing and automation all ask the same decoder. Decoding never changes what is recorded.
 */

/** One frame as a decoder sees it. Plain data, so it crosses to a worker. */
export interface WireFrame {
  dir: Direction;
  /** Set for text frames. */
  text?: string;
  /** Set for binary frames. */
  bytes?: Uint8Array;
}

/** What detection knows of a connection. */
export interface ConnectionFacts {
  url: string;
  /** The negotiated subprotocol, '' when none. */
  protocol: string;
}

/** How a message takes part in a request/reply exchange. */
export interface Pairing {
  /** Names the exchange within the connection, e.g. `ack:/chat:12` or `id:7`; a request and its replies share it. */
  key: string;
  role: 'request' | 'reply';
  /** A reply after which no more are expected (false for a GraphQL `next` or a JSON-RPC subscription item). */
  final?: boolean;
}

/** One protocol message, decoded. A frame may hold several (MQTT, JSON-RPC batches) or none yet (a part). */
export interface DecodedMessage {
  /** The type as the protocol names it: `EVENT`, `ACK`, `PUBLISH`, `CONNACK`, `next`, a JSON-RPC method, `result`. */
  type: string;
  /** The key: the event name, topic, destination, operation id or method. */
  key?: string;
  /** One line for the grid; starts with the type and the key (`EVENT chat ["hi"]`). */
  summary: string;
  /** The whole message as plain JSON-able data: the Decoded tree. */
  tree: unknown;
  /** What a field condition (`event = chat`, `topic = t/1`, `type = next`) and `{{$match.path}}` read. */
  fields: Record<string, unknown>;
  pairing?: Pairing;
  /** A heartbeat or handshake message: the protocol's plumbing rather than the application's traffic. */
  control?: boolean;
}

/** Why a frame could not be decoded is shown beside its raw view; it never breaks the grid. */
export type DecodeResult = Result<DecodedMessage[], string>;

/**
 * What a filter's field condition reads of every frame: the field at `path` (`event`, `args.0.room`). When
 * `texts` is not empty, the condition holds only where that field is a string, true, false or null whose
 * String() contains every one of them (`event = chat` needs `chat`), so a frame that cannot hold them need not be
 * decoded.
 */
export interface FieldQuery {
  path: readonly string[];
  texts: readonly string[];
}

/** Decoding state for one connection: protocols that span frames (MQTT, Socket.IO attachments) keep it here. */
export interface DecoderSession {
  decode(frame: WireFrame): DecodeResult;
  /**
   * Optional, for a filter over a million frames: a reader giving each frame's messages' fields as `decode`
   * would, except that it may leave out, undecoded, messages whose field at `query.path` cannot hold the query's
   * texts, may leave out fields other than the one `query.path` starts with, and builds no summary or tree.
   * Reading a frame moves the session on exactly as decoding it does.
   * Without it, a filter decodes every frame.
   */
  fieldReader?(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[];
}

/** A frame to send, as a composer or a keep-alive builds it. */
export type OutgoingFrame = { text: string } | { bytes: Uint8Array };

/** Counters a composer draws ids from, per connection. */
export interface ComposeContext {
  nextId(): number;
}

/** What keeps a protocol's session alive: its opening messages, and answers to its heartbeats. */
export interface KeepAlive {
  /** Sent as soon as the connection opens (Socket.IO's CONNECT, graphql-ws's connection_init, MQTT's CONNECT). */
  onOpen(facts: ConnectionFacts): OutgoingFrame[];
  /** Answers to a received message (a pong to a ping), and periodic frames a client must send, if any. */
  answer(message: DecodedMessage): OutgoingFrame[];
  /** A client-driven heartbeat: what to send every `intervalMs` (MQTT PINGREQ, STOMP's newline). */
  heartbeat?: { intervalMs: number; frame: OutgoingFrame };
}

export interface Decoder {
  /** Stable id, kept in profiles (`socket.io`, `json-rpc`, `mqtt`…). */
  id: string;
  /** As the protocol calls itself, also the `Decode as` option: `Socket.IO`, `JSON-RPC`, `MQTT`. */
  label: string;
  /** Decoding state for a new connection. */
  start(facts: ConnectionFacts): DecoderSession;
  /** Encodes the composer's JSON description (see ../shared/ui-contract.md) into frames. */
  compose?(description: unknown, context: ComposeContext): Result<OutgoingFrame[], string>;
  keepAlive?(facts: ConnectionFacts): KeepAlive;
}

/**
 * What detection needs, kept apart from the decoder itself so it can stay on the first screen while each decoder
 * and its libraries load only when first needed. Rules run in order: subprotocol, then URL, then the first frames.
 */
export interface DecoderEntry {
  id: string;
  label: string;
  /** Whether a negotiated subprotocol names this protocol. */
  byProtocol?(protocol: string): boolean;
  /** Whether the URL has this protocol's shape (`/socket.io/?EIO=4`). */
  byUrl?(url: URL): boolean;
  /** Whether one of the first frames looks like this protocol. */
  sniff?(frame: WireFrame): boolean;
  load(): Promise<Decoder>;
}
