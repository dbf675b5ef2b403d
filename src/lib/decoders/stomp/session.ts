import type { Result } from '../../result';
import type {
  ConnectionFacts,
  DecodedMessage,
  DecodeResult,
  DecoderSession,
  FieldQuery,
  WireFrame,
} from '../decoder';
import { shownExcept, textFieldReader } from '../text-field-reader';
import { COMMANDS } from './commands';
import { parseFrames } from './frame-parser';
import type { StompVersion } from './header-escaping';
import { leavesNothing } from './lone-frame';
import { HEARTBEAT, toMessage } from './message';
import { fieldsOfLoneText, headerQueried } from './text-frame';

/**
 * Decoding for one STOMP connection. It remembers the negotiated version (it decides header unescaping), whether a
 * CONNECT awaits its answer, and, per direction, the start of a frame split over several WebSocket messages.
 */
export class StompSession implements DecoderSession {
  /** Joined midway with no subprotocol to go by: 1.2, what current clients and brokers speak. */
  private version: StompVersion;
  private handshakePending = false;
  private readonly pending: Record<WireFrame['dir'], Uint8Array | undefined> = {
    in: undefined,
    out: undefined,
  };

  constructor(facts: ConnectionFacts) {
    this.version = versionOfSubprotocol(facts.protocol) ?? '1.2';
  }

  decode(frame: WireFrame): DecodeResult {
    const bytes = frame.bytes ?? new TextEncoder().encode(frame.text ?? '');
    const pending = this.pending[frame.dir];
    if (pending && !startsFresh(bytes)) {
      const joined = this.decodeBytes(concat(pending, bytes), frame.dir);
      if (joined.ok) return joined;
      // Frames given out of order: what was pending does not continue here, so this frame stands alone.
      this.pending[frame.dir] = undefined;
    }
    return this.decodeBytes(bytes, frame.dir);
  }

  /**
   * Skips, unparsed, a text lacking the query's texts when decoding it would leave the session as it is: nothing
   * of a split frame waits in its direction, and it is one whole frame (or heart-beats) that negotiates nothing.
   */
  fieldReader(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[] {
    // A lone surrogate in a text comes back from its UTF-8 as U+FFFD, which the text does not hold.
    const fromText = query.texts.some((part) => part.includes('\uFFFD')) ? { ...query, texts: [] } : query;
    const header = headerQueried(query.path[0]);
    return textFieldReader(fromText, {
      derived: { type: shownExcept(HEARTBEAT.type) },
      fieldsOf: (frame) => {
        // A whole frame in a text is read from the text; whatever that does not recognise is decoded.
        const quick =
          frame.text !== undefined && this.pending[frame.dir] === undefined
            ? fieldsOfLoneText(frame.text, this.version, header)
            : undefined;
        if (quick !== undefined) return [quick];
        const decoded = this.decode(frame);
        return decoded.ok ? decoded.value.map((message) => message.fields) : [];
      },
      maySkip: (frame, text) => this.pending[frame.dir] === undefined && leavesNothing(text),
    });
  }

  private decodeBytes(bytes: Uint8Array, dir: WireFrame['dir']): DecodeResult {
    const parsed = parseFrames(bytes);
    if (!parsed.ok) return { ok: false, error: `Not a STOMP frame: ${parsed.error}` };
    const { frames, heartbeat, rest } = parsed.value;
    // A heart-beat between the parts of a split frame leaves the part waiting.
    if (!heartbeat) this.pending[dir] = rest;
    if (heartbeat) return { ok: true, value: [HEARTBEAT] };
    const messages: DecodedMessage[] = [];
    for (const raw of frames) {
      const message = this.messageOf(raw);
      if (!message.ok) return { ok: false, error: `Not a STOMP frame: ${message.error}` };
      messages.push(message.value);
    }
    return { ok: true, value: messages };
  }

  private messageOf(raw: Parameters<typeof toMessage>[0]): Result<DecodedMessage, string> {
    const message = toMessage(raw, { version: this.version, handshakePending: this.handshakePending });
    if (raw.command === 'CONNECT' || raw.command === 'STOMP') this.handshakePending = true;
    if (raw.command === 'CONNECTED' || raw.command === 'ERROR') this.handshakePending = false;
    if (raw.command === 'CONNECTED' && message.ok) {
      // A 1.0 server sends no version header (STOMP 1.1 §Protocol Negotiation).
      this.version = asVersion(message.value.fields['version']) ?? '1.0';
    }
    return message;
  }
}

function versionOfSubprotocol(protocol: string): StompVersion | undefined {
  const match = /^v1([012])\.stomp$/i.exec(protocol);
  return match ? asVersion(`1.${match[1]}`) : undefined;
}

function asVersion(value: unknown): StompVersion | undefined {
  return value === '1.0' || value === '1.1' || value === '1.2' ? value : undefined;
}

/** A message that opens with a command line begins new frames rather than continuing a split one. */
function startsFresh(bytes: Uint8Array): boolean {
  const lf = bytes.indexOf(0x0a);
  if (lf < 0 || lf > 12) return lf === 0;
  const line = String.fromCharCode(...bytes.subarray(0, lf)).replace(/\r$/, '');
  return line === '' || COMMANDS.includes(line);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
