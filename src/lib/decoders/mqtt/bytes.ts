/** Why a packet cannot be read; caught per frame, so bad input never escapes decode(). */
export class MalformedPacket extends Error {}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads MQTT's data types (MQTT 5 §1.5, the same in 3.1.1) from one packet's bytes, refusing to read past them. */
export class PacketReader {
  private position = 0;

  constructor(
    private readonly bytes: Uint8Array,
    /** Names the packet in errors: `SUBSCRIBE: topic filter runs past the packet's end`. */
    private readonly packet: string,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  fail(why: string): never {
    throw new MalformedPacket(`${this.packet}: ${why}`);
  }

  private take(count: number, what: string): Uint8Array {
    if (count > this.remaining) this.fail(`${what} runs past the packet's end`);
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }

  byte(what: string): number {
    return this.take(1, what)[0] as number;
  }

  uint16(what: string): number {
    const [high, low] = this.take(2, what) as unknown as [number, number];
    return (high << 8) | low;
  }

  uint32(what: string): number {
    const bytes = this.take(4, what);
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  }

  /** Variable Byte Integer: 7 bits a byte, least significant first, at most four bytes. */
  varint(what: string): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.byte(what);
      value += (byte & 0x7f) * 128 ** i;
      if ((byte & 0x80) === 0) return value;
    }
    return this.fail(`${what} is longer than four bytes`);
  }

  binary(what: string): Uint8Array {
    return this.take(this.uint16(`${what}'s length`), what);
  }

  string(what: string): string {
    const bytes = this.binary(what);
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return this.fail(`${what} is not valid UTF-8`);
    }
  }

  rest(): Uint8Array {
    return this.take(this.remaining, 'the rest');
  }
}

/** Text when the bytes are valid UTF-8 without control characters, else undefined: such text reads better as bytes. */
export function printableText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return undefined;
  return text;
}

/** C0 controls and DEL, except tab, line feed and carriage return, which plain text has. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

const encoder = new TextEncoder();

/** Builds one packet's bytes from MQTT's data types. */
export class PacketWriter {
  private readonly parts: number[] = [];
  private readonly chunks: Uint8Array[] = [];

  byte(value: number): this {
    this.parts.push(value & 0xff);
    return this;
  }

  uint16(value: number): this {
    return this.byte(value >> 8).byte(value);
  }

  binary(bytes: Uint8Array): this {
    this.uint16(bytes.length);
    this.flush();
    this.chunks.push(bytes);
    return this;
  }

  string(text: string): this {
    return this.binary(encoder.encode(text));
  }

  raw(bytes: Uint8Array): this {
    this.flush();
    this.chunks.push(bytes);
    return this;
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    this.chunks.push(Uint8Array.from(this.parts));
    this.parts.length = 0;
  }

  /** The fixed header (type and flags, then the Remaining Length) before everything written. */
  packet(type: number, flags: number): Uint8Array {
    this.flush();
    const body = concatBytes(this.chunks);
    return concatBytes([Uint8Array.of((type << 4) | flags, ...varintBytes(body.length)), body]);
  }
}

export function varintBytes(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return bytes;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}
