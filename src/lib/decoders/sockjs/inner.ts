import type { ConnectionFacts, DecodedMessage, DecoderSession, WireFrame } from '../decoder';
import { decoder as stomp } from '../stomp/index';
import { startsWithStompCommand } from '../stomp/detect';

/**
 * What the messages inside SockJS frames are. STOMP is the common case (Spring, RabbitMQ); JSON the next. The first
 * inner message that is either decides for the connection; until then messages show as text.
 */
export type InnerProtocol = 'stomp' | 'json';

/** Whether a URL says STOMP rides inside (`/stomp/…/websocket`, Spring's `/ws-stomp/…`): STOMP must then be spoken first. */
export function innerFromUrl(url: string): InnerProtocol | undefined {
  return /stomp/i.test(pathOf(url)) ? 'stomp' : undefined;
}

export class InnerDecoding {
  private protocol: InnerProtocol | undefined;
  private stompSession: DecoderSession | undefined;

  constructor(private readonly facts: ConnectionFacts) {
    this.protocol = innerFromUrl(facts.url);
  }

  /** One message inside a SockJS frame, as the inner protocol's messages (a STOMP message may hold several). */
  decode(text: string, dir: WireFrame['dir']): DecodedMessage[] {
    this.protocol ??= sniff(text, dir);
    if (this.protocol === 'stomp') {
      // SockJS carries no subprotocol: the inner STOMP session learns its version from CONNECTED.
      this.stompSession ??= stomp.start({ url: this.facts.url, protocol: '' });
      const decoded = this.stompSession.decode({ dir, text });
      if (decoded.ok) return decoded.value;
      return [textMessage(text, decoded.error)];
    }
    if (this.protocol === 'json') {
      const value = parseJson(text);
      if (value !== undefined) return [jsonMessage(value)];
    }
    return [textMessage(text)];
  }
}

function sniff(text: string, dir: WireFrame['dir']): InnerProtocol | undefined {
  if (startsWithStompCommand({ dir, text })) return 'stomp';
  return parseJson(text) === undefined ? undefined : 'json';
}

const PREVIEW_LENGTH = 100;

function jsonMessage(value: unknown): DecodedMessage {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return {
    type: 'message',
    summary: `message ${clip(JSON.stringify(value))}`,
    tree: value,
    fields: isObject ? { ...(value as Record<string, unknown>) } : { value },
  };
}

function textMessage(text: string, innerError?: string): DecodedMessage {
  return {
    type: 'message',
    summary: `message ${clip(text.replace(/\s+/g, ' '))}`,
    tree: innerError === undefined ? { message: text } : { message: text, innerError },
    fields: { message: text },
  };
}

function clip(text: string): string {
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
