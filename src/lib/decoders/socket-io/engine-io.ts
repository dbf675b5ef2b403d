import type { Result } from '../../result';

/** Engine.IO names its packet types in lower case; the digit in front of every packet is the index. */
export const ENGINE_IO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;
export type EngineIoType = (typeof ENGINE_IO_TYPES)[number];

export interface EngineIoTextPacket {
  type: EngineIoType;
  data: string;
}

/** Engine.IO 3 (Socket.IO 2) differs on the wire: the client pings, and binary frames start with the type byte. */
export type EngineIoVersion = 3 | 4;

/** The version the client asked for in the URL (`EIO=3`); Engine.IO 4 when the URL does not say. */
export function engineIoVersion(url: string): EngineIoVersion {
  try {
    return new URL(url).searchParams.get('EIO') === '3' ? 3 : 4;
  } catch {
    return 4;
  }
}

/** One text frame is one Engine.IO packet: a type digit, then its data. */
export function parseEngineIoText(text: string): Result<EngineIoTextPacket> {
  const type = ENGINE_IO_TYPES[Number(text[0])];
  if (text === '' || type === undefined) {
    return {
      ok: false,
      error: `An Engine.IO packet starts with a type digit 0–6; this one starts with “${text.slice(0, 1)}”`,
    };
  }
  return { ok: true, value: { type, data: text.slice(1) } };
}

/** The binary frame's payload: Engine.IO 3 puts the message type byte (4) in front of it, Engine.IO 4 does not. */
export function binaryPayload(bytes: Uint8Array, version: EngineIoVersion): Result<Uint8Array> {
  if (version === 4) return { ok: true, value: bytes };
  if (bytes[0] !== 4) {
    const first = bytes.length === 0 ? 'nothing' : `0x${(bytes[0] as number).toString(16).padStart(2, '0')}`;
    return {
      ok: false,
      error: `An Engine.IO 3 binary frame starts with the message type byte 0x04; this one with ${first}`,
    };
  }
  return { ok: true, value: bytes.subarray(1) };
}
