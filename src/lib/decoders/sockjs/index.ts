/**
 * SockJS over its raw WebSocket endpoint (`/<prefix>/<server>/<session>/websocket`, sockjs-protocol). Decodes the
 * framing (`o`, `h`, `a[…]`, `m"…"`, `c[code,"reason"]`, and a client's `["…"]`); each message inside is decoded
 * by the inner protocol (STOMP or JSON, see inner.ts), whose messages, pairings included, are the frame's messages.
 *
 * The composer's SockJS description:
 * - `"text"` sends one message, `["m1","m2"]` several, in one frame `["m1","m2"]`;
 * - `{"stomp":{"command":"SEND","headers":{…},"body":"…"}}` sends a STOMP frame (the STOMP description) inside;
 * - any other JSON value is sent as one message holding its JSON text.
 *
 * Keep-alive: SockJS needs none from a client (its `h` heartbeats are one-way). When the URL says STOMP rides
 * inside, STOMP's keep-alive (CONNECT, heart-beats) is sent inside SockJS frames.
 */
import type { Result } from '../../result';
import type {
  ComposeContext,
  ConnectionFacts,
  DecodedMessage,
  DecodeResult,
  Decoder,
  DecoderSession,
  KeepAlive,
  OutgoingFrame,
  WireFrame,
} from '../decoder';
import { decoder as stomp } from '../stomp/index';
import { parseSockJsFrame } from './framing';
import { InnerDecoding, innerFromUrl } from './inner';

class SockJsSession implements DecoderSession {
  private readonly inner: InnerDecoding;

  constructor(facts: ConnectionFacts) {
    this.inner = new InnerDecoding(facts);
  }

  decode(frame: WireFrame): DecodeResult {
    if (frame.text === undefined) return { ok: false, error: 'Not a SockJS frame: SockJS frames are text' };
    const parsed = parseSockJsFrame(frame.text, frame.dir);
    if (!parsed.ok) return { ok: false, error: `Not a SockJS frame: ${parsed.error}` };
    const sockJsFrame = parsed.value;
    switch (sockJsFrame.kind) {
      case 'open':
      case 'heartbeat':
        return { ok: true, value: [plumbing(sockJsFrame.kind, frame.text)] };
      case 'close': {
        const { code, reason } = sockJsFrame;
        const close: DecodedMessage = {
          type: 'close',
          key: String(code),
          summary: `close ${code} ${reason}`.trim(),
          tree: { code, reason },
          fields: { type: 'close', code, reason },
        };
        return { ok: true, value: [close] };
      }
      case 'messages':
        return {
          ok: true,
          value: sockJsFrame.messages.flatMap((text) => this.inner.decode(text, frame.dir)),
        };
    }
  }
}

function plumbing(type: 'open' | 'heartbeat', frame: string): DecodedMessage {
  return { type, summary: type, tree: { frame }, fields: { type }, control: true };
}

function compose(description: unknown, context: ComposeContext): Result<OutgoingFrame[], string> {
  const messages = innerMessages(description, context);
  if (!messages.ok) return messages;
  return { ok: true, value: [wrap(messages.value)] };
}

function innerMessages(description: unknown, context: ComposeContext): Result<string[], string> {
  if (typeof description === 'string') return { ok: true, value: [description] };
  if (Array.isArray(description) && description.every((item) => typeof item === 'string')) {
    return { ok: true, value: description };
  }
  if (typeof description === 'object' && description !== null && 'stomp' in description) {
    const frames = stomp.compose!(description.stomp, context);
    if (!frames.ok) return { ok: false, error: `STOMP inside SockJS: ${frames.error}` };
    return { ok: true, value: frames.value.map(textOf) };
  }
  return { ok: true, value: [JSON.stringify(description)] };
}

/** A client sends its messages as a JSON array of strings. */
function wrap(messages: string[]): OutgoingFrame {
  return { text: JSON.stringify(messages) };
}

function textOf(frame: OutgoingFrame): string {
  return 'text' in frame ? frame.text : new TextDecoder().decode(frame.bytes);
}

function keepAlive(facts: ConnectionFacts): KeepAlive {
  const inner = innerFromUrl(facts.url) === 'stomp' ? stomp.keepAlive!(facts) : undefined;
  const wrapAll = (frames: OutgoingFrame[]) => (frames.length ? [wrap(frames.map(textOf))] : []);
  return {
    onOpen: (opened) => wrapAll(inner?.onOpen(opened) ?? []),
    answer: (message) => wrapAll(inner?.answer(message) ?? []),
    // The inner protocol's heartbeat, wrapped; read afresh, as STOMP's changes when CONNECTED negotiates it.
    get heartbeat() {
      const beat = inner?.heartbeat;
      return beat && { intervalMs: beat.intervalMs, frame: wrap([textOf(beat.frame)]) };
    },
  };
}

export const decoder: Decoder = {
  id: 'sockjs',
  label: 'SockJS',
  start: (facts) => new SockJsSession(facts),
  compose,
  keepAlive,
};
