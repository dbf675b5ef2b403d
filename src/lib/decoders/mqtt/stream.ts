import { concatBytes, MalformedPacket } from './bytes';

/** One packet cut from the byte stream: its first byte and the bytes its Remaining Length counts. */
export interface RawPacket {
  first: number;
  body: Uint8Array;
}

export interface Split {
  packets: RawPacket[];
  /** The start of a packet the next frame should complete. */
  rest: Uint8Array;
}

/** MQTT §4.7: at most four bytes of Remaining Length, so no packet is longer than this. */
const MAX_REMAINING_LENGTH = 268_435_455;

/**
 * Cuts bytes into whole packets, keeping an unfinished one for later: "a single WebSocket data frame can contain
 * multiple or partial MQTT Control Packets" [MQTT-6.0.0-2]. Throws MalformedPacket when a header cannot be one.
 */
export function splitPackets(bytes: Uint8Array): Split {
  const packets: RawPacket[] = [];
  let position = 0;
  while (position < bytes.length) {
    const first = bytes[position] as number;
    if (first >> 4 === 0)
      throw new MalformedPacket(`byte 0x${first.toString(16).padStart(2, '0')} starts no packet`);
    const length = remainingLength(bytes, position + 1);
    if (!length) break;
    const end = length.bodyStart + length.value;
    if (end > bytes.length) break;
    packets.push({ first, body: bytes.subarray(length.bodyStart, end) });
    position = end;
  }
  return { packets, rest: bytes.subarray(position) };
}

/** The Remaining Length and where the body starts, or undefined when its bytes have not all arrived. */
function remainingLength(bytes: Uint8Array, at: number): { value: number; bodyStart: number } | undefined {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 128 ** i;
    if ((byte & 0x80) === 0) return { value, bodyStart: at + i + 1 };
  }
  throw new MalformedPacket(`a Remaining Length longer than four bytes (over ${MAX_REMAINING_LENGTH})`);
}

/** Bytes to read for a frame, and how many carried bytes reading them leaves out. */
export interface Candidate {
  bytes: Uint8Array;
  dropped: number;
}

/**
 * The bytes of one direction of a connection, frame after frame: the start of an unfinished packet waits here for
 * the frames that finish it.
 */
export class PacketStream {
  private carried: Uint8Array = new Uint8Array();

  /**
   * The carried bytes joined with the frame, then, for when those do not read as packets (frames decoded out of
   * order, a session joined midway), the frame alone.
   */
  candidates(frame: Uint8Array): Candidate[] {
    if (this.carried.length === 0) return [{ bytes: frame, dropped: 0 }];
    return [
      { bytes: concatBytes([this.carried, frame]), dropped: 0 },
      { bytes: frame, dropped: this.carried.length },
    ];
  }

  carry(rest: Uint8Array): void {
    this.carried = rest.slice();
  }
}
