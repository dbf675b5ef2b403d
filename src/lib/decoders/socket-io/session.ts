import type { Direction } from '../../model/frame';
import type { DecodeResult, DecoderSession, FieldQuery, WireFrame } from '../decoder';
import { binaryPayload, parseEngineIoText, type EngineIoVersion } from './engine-io';
import { bytesTree, placeAttachments } from './attachments';
import { jsonPreview } from '../preview';
import type { Result } from '../../result';
import {
  engineIoControlMessage,
  engineIoDataFields,
  engineIoDataMessage,
  socketIoFields,
  socketIoMessage,
} from './message';
import { parseMsgpackPacket } from './msgpack-packet';
import { parseSocketIoPacket, type SocketIoPacket } from './packet';

/** A BINARY_EVENT or BINARY_ACK header waiting for its attachments, which arrive as the next binary frames. */
interface PendingBinary {
  packet: SocketIoPacket;
  attachments: Uint8Array[];
  /** Set by a field reader whose condition the header cannot hold: the packet is reassembled, never decoded. */
  unwanted?: true;
}

const NO_FIELDS: readonly Record<string, unknown>[] = [];
/** Char codes: an Engine.IO message is `4…`; a Socket.IO BINARY_EVENT or BINARY_ACK inside it `45…` or `46…`. */
const ENGINE_IO_MESSAGE = 0x34;
const BINARY_EVENT = 0x35;
const BINARY_ACK = 0x36;

/**
 * Decodes one connection. The only state is the binary packet being reassembled, one per direction: the header
 * frame and all but the last attachment decode to no message yet, and the last attachment to the whole packet.
 * A binary frame with no header before it may be a whole packet from socket.io-msgpack-parser.
 */
export class SocketIoSession implements DecoderSession {
  private readonly pending: Record<Direction, PendingBinary | undefined> = { in: undefined, out: undefined };

  constructor(private readonly version: EngineIoVersion) {}

  decode(frame: WireFrame): DecodeResult {
    if (frame.text !== undefined) return this.decodeText(frame.text, frame.dir);
    if (frame.bytes !== undefined) return this.decodeBinary(frame.bytes, frame.dir);
    return { ok: false, error: 'The frame has neither text nor bytes' };
  }

  /**
   * Reads an Engine.IO message's fields without building a message, and skips, unparsed, one whose text cannot
   * hold the query's texts when the field asked for is read from that text. Such a frame still ends a header
   * waiting for attachments, as decoding it would. A BINARY_EVENT or BINARY_ACK header is decoded, so that its
   * attachments are counted, but when its event and namespace cannot hold the texts, its packet is never built.
   */
  fieldReader(query: FieldQuery): (frame: WireFrame) => readonly Record<string, unknown>[] {
    const mayHold = textCheck(query);
    // Attachments may hold any text in their bytes: only the header's own fields are known not to.
    const headerTells = query.path[0] === 'event' || query.path[0] === 'nsp';
    return (frame) => {
      const text = frame.text;
      if (text === undefined || text.charCodeAt(0) !== ENGINE_IO_MESSAGE) return this.fieldsOf(frame);
      const packetType = text.charCodeAt(1);
      if (packetType === BINARY_EVENT || packetType === BINARY_ACK) {
        if (mayHold === undefined || !headerTells || mayHold(text)) return this.fieldsOf(frame);
        this.decode(frame);
        const pending = this.pending[frame.dir];
        if (pending !== undefined) pending.unwanted = true;
        return NO_FIELDS;
      }
      // As decoding it would: any other text ends a header still waiting for its attachments.
      this.pending[frame.dir] = undefined;
      if (mayHold !== undefined && !mayHold(text)) return NO_FIELDS;
      const read = messagePacket(text.slice(1));
      if (!read.ok) return NO_FIELDS;
      return [typeof read.value === 'string' ? engineIoDataFields(read.value) : socketIoFields(read.value)];
    };
  }

  private fieldsOf(frame: WireFrame): readonly Record<string, unknown>[] {
    const decoded = this.decode(frame);
    return decoded.ok ? decoded.value.map((message) => message.fields) : NO_FIELDS;
  }

  private decodeText(text: string, dir: Direction): DecodeResult {
    // A header that never got all its attachments is abandoned: a text frame cannot be one of them.
    this.pending[dir] = undefined;
    const engine = parseEngineIoText(text);
    if (!engine.ok) return engine;
    const { type, data } = engine.value;
    if (type === 'open') {
      try {
        return { ok: true, value: [engineIoControlMessage(type, JSON.parse(data) as unknown)] };
      } catch {
        return { ok: false, error: 'The Engine.IO open packet’s data is not valid JSON' };
      }
    }
    if (type !== 'message') return { ok: true, value: [engineIoControlMessage(type, data)] };
    const read = messagePacket(data);
    if (!read.ok) return read;
    const packet = read.value;
    if (typeof packet === 'string') {
      return { ok: true, value: [engineIoDataMessage(data, jsonPreview(data))] };
    }
    if (packet.attachments !== undefined && packet.attachments > 0) {
      this.pending[dir] = { packet, attachments: [] };
      return { ok: true, value: [] };
    }
    return { ok: true, value: [socketIoMessage(packet, dir)] };
  }

  private decodeBinary(bytes: Uint8Array, dir: Direction): DecodeResult {
    const payload = binaryPayload(bytes, this.version);
    if (!payload.ok) return payload;
    const pending = this.pending[dir];
    if (pending === undefined) {
      const packed = parseMsgpackPacket(payload.value);
      if (packed !== undefined) return { ok: true, value: [socketIoMessage(packed, dir)] };
      return {
        ok: true,
        value: [
          engineIoDataMessage(
            bytesTree(payload.value),
            `${payload.value.length} bytes: binary with no BINARY_EVENT or BINARY_ACK header before it (the header was not seen, or this is plain Engine.IO)`,
          ),
        ],
      };
    }
    pending.attachments.push(payload.value);
    if (pending.attachments.length < (pending.packet.attachments ?? 0)) return { ok: true, value: [] };
    this.pending[dir] = undefined;
    if (pending.unwanted) return { ok: true, value: [] };
    const placed = placeAttachments(pending.packet.data, pending.attachments);
    if (!placed.ok) return placed;
    return { ok: true, value: [socketIoMessage({ ...pending.packet, data: placed.value }, dir)] };
  }
}

/** The Socket.IO packet in an Engine.IO message's data, or the data itself when it holds none (plain Engine.IO). */
function messagePacket(data: string): Result<SocketIoPacket | string> {
  // Plain Engine.IO (no Socket.IO on top) sends any text; a Socket.IO packet starts with its type digit.
  return /^[0-6]/.test(data) ? parseSocketIoPacket(data) : { ok: true, value: data };
}

/**
 * Whether an Engine.IO message's text may hold the query's texts in the field it asks for; undefined when the
 * text cannot tell. The event, arguments and data are JSON in the text, where a string, true, false or null is
 * written as it is unless a backslash escapes it; the namespace is the text as written, or `/` when it names none.
 */
function textCheck({ path, texts }: FieldQuery): ((text: string) => boolean) | undefined {
  const field = path[0];
  const fromText =
    field === 'event' ||
    field === 'args' ||
    field === 'data' ||
    (field === 'nsp' && !texts.every((part) => '/'.includes(part)));
  if (texts.length === 0 || !fromText) return undefined;
  return (text) => texts.every((part) => text.includes(part)) || text.includes('\\');
}
