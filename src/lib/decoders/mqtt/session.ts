import type { Direction } from '../../model/frame';
import type { Result } from '../../result';
import type { DecodedMessage, DecodeResult, DecoderSession, WireFrame } from '../decoder';
import { MalformedPacket } from './bytes';
import { packetMessage } from './message';
import { readPacket, type PacketTree, type ProtocolLevel } from './packets';
import { PacketStream, splitPackets, type RawPacket, type Split } from './stream';

const CONNECT = 1;

/**
 * Decoding for one connection: each direction is a byte stream cut into packets, and the CONNECT says which
 * protocol level (3.1.1 or 5, whose packets carry properties) the rest are read with. Without a CONNECT (a session
 * joined midway, frames out of order) a packet is read as 3.1.1, or as 5 when only 5 fits, and says so.
 */
export class MqttSession implements DecoderSession {
  private level: ProtocolLevel | undefined;
  /** Set when the level was inferred from a packet rather than read from CONNECT. */
  private guessedLevel: ProtocolLevel | undefined;
  private readonly streams = { out: new PacketStream(), in: new PacketStream() };

  decode(frame: WireFrame): DecodeResult {
    if (!frame.bytes) return { ok: false, error: 'MQTT travels in binary frames, and this is a text frame' };
    const stream = this.streams[frame.dir];
    let firstError: string | undefined;
    for (const candidate of stream.candidates(frame.bytes)) {
      const read = this.readAll(candidate.bytes, frame.dir);
      if (!read.ok) {
        firstError ??= read.error;
        continue;
      }
      stream.carry(read.value.rest);
      const first = read.value.messages[0];
      if (first && candidate.dropped > 0) {
        (first.tree as PacketTree).note =
          `${candidate.dropped} bytes carried from earlier frames did not continue here`;
      }
      return { ok: true, value: read.value.messages };
    }
    stream.carry(new Uint8Array());
    return { ok: false, error: firstError ?? 'No MQTT packet' };
  }

  /** Every whole packet in the bytes, and the start of one still unfinished. */
  private readAll(
    bytes: Uint8Array,
    dir: Direction,
  ): Result<{ messages: DecodedMessage[]; rest: Uint8Array }> {
    let split: Split;
    try {
      split = splitPackets(bytes);
    } catch (error) {
      if (error instanceof MalformedPacket)
        return { ok: false, error: `Not an MQTT packet: ${error.message}` };
      throw error;
    }
    const messages: DecodedMessage[] = [];
    for (const [index, packet] of split.packets.entries()) {
      try {
        messages.push(packetMessage(this.read(packet), dir));
      } catch (error) {
        if (!(error instanceof MalformedPacket)) throw error;
        const which = split.packets.length > 1 ? `packet ${index + 1} of this frame` : 'the packet';
        return { ok: false, error: `Malformed MQTT: ${which}, ${error.message}` };
      }
    }
    return { ok: true, value: { messages, rest: split.rest } };
  }

  private read(packet: RawPacket): PacketTree {
    if (packet.first >> 4 === CONNECT) {
      const tree = readPacket(packet.first, packet.body, 4);
      this.level = tree.protocolLevel as ProtocolLevel;
      this.guessedLevel = undefined;
      return tree;
    }
    if (this.level !== undefined) return readPacket(packet.first, packet.body, this.level);
    return this.readWithoutConnect(packet);
  }

  private readWithoutConnect(packet: RawPacket): PacketTree {
    const likely = this.guessedLevel ?? 4;
    const other: ProtocolLevel = likely === 4 ? 5 : 4;
    let tree: PacketTree;
    try {
      tree = readPacket(packet.first, packet.body, likely);
    } catch (error) {
      if (!(error instanceof MalformedPacket)) throw error;
      try {
        tree = readPacket(packet.first, packet.body, other);
      } catch {
        throw error; // what is wrong with it at the likelier level
      }
      this.guessedLevel = other;
    }
    const version = (this.guessedLevel ?? 4) === 5 ? '5' : '3.1.1';
    tree.note = `No CONNECT seen on this connection: read as MQTT ${version}`;
    return tree;
  }
}
