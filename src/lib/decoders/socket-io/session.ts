import type { Direction } from '../../model/frame';
import type { DecodeResult, DecoderSession, WireFrame } from '../decoder';
import { binaryPayload, parseEngineIoText, type EngineIoVersion } from './engine-io';
import { bytesTree, placeAttachments } from './attachments';
import { jsonPreview } from '../preview';
import { engineIoControlMessage, engineIoDataMessage, socketIoMessage } from './message';
import { parseMsgpackPacket } from './msgpack-packet';
import { parseSocketIoPacket, type SocketIoPacket } from './packet';

/** A BINARY_EVENT or BINARY_ACK header waiting for its attachments, which arrive as the next binary frames. */
interface PendingBinary {
  packet: SocketIoPacket;
  attachments: Uint8Array[];
}

/**
 * Decodes one connection. The only state is the binary packet being reassembled, one per direction: the header
 * frame and all but the last attachment decode to no message yet, and the last attachment to the whole packet.
 * A binary frame with no header before it may be a whole packet from socket.io-msgpack-parser.
 */
export class SocketIoSession implements DecoderSession {
  private readonly pending: Partial<Record<Direction, PendingBinary>> = {};

  constructor(private readonly version: EngineIoVersion) {}

  decode(frame: WireFrame): DecodeResult {
    if (frame.text !== undefined) return this.decodeText(frame.text, frame.dir);
    if (frame.bytes !== undefined) return this.decodeBinary(frame.bytes, frame.dir);
    return { ok: false, error: 'The frame has neither text nor bytes' };
  }

  private decodeText(text: string, dir: Direction): DecodeResult {
    // A header that never got all its attachments is abandoned: a text frame cannot be one of them.
    delete this.pending[dir];
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
    // Plain Engine.IO (no Socket.IO on top) sends any text; a Socket.IO packet starts with its type digit.
    if (!/^[0-6]/.test(data)) return { ok: true, value: [engineIoDataMessage(data, jsonPreview(data))] };

    const parsed = parseSocketIoPacket(data);
    if (!parsed.ok) return parsed;
    const packet = parsed.value;
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
    delete this.pending[dir];
    const placed = placeAttachments(pending.packet.data, pending.attachments);
    if (!placed.ok) return placed;
    return { ok: true, value: [socketIoMessage({ ...pending.packet, data: placed.value }, dir)] };
  }
}
