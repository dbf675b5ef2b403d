import { decode as decodeCbor, encode as encodeCbor } from 'cbor2';
import { decode as decodeMsgpack, encode as encodeMsgpack } from '@msgpack/msgpack';
import type { Result } from '../../result';
import type { OutgoingFrame, WireFrame } from '../decoder';
import { valueTree } from '../value-tree/tree';
import { messageOf } from '../../errors';

/**
 * WAMP's serializers, named by the subprotocol: `wamp.2.json` (text), `wamp.2.msgpack` and `wamp.2.cbor`
 * (binary); `.batched` puts several messages in a frame, JSON ones each followed by 0x1E, binary ones each after a
 * 4-byte big-endian length. Without a subprotocol (joined midway, or `Decode as`), text is JSON and binary is
 * tried as MessagePack, then CBOR.
 */
export type Serializer = 'json' | 'msgpack' | 'cbor';

export interface Framing {
  serializer: Serializer | undefined;
  batched: boolean;
}

export function framingOf(protocol: string): Framing {
  const match = /^wamp\.2\.(json|msgpack|cbor)(\.batched)?$/.exec(protocol);
  return { serializer: match?.[1] as Serializer | undefined, batched: match?.[2] !== undefined };
}

export function readMessages(frame: WireFrame, framing: Framing): Result<unknown[], string> {
  if (frame.text !== undefined) {
    const texts = framing.batched ? frame.text.split('\u001e').filter((text) => text !== '') : [frame.text];
    const values: unknown[] = [];
    for (const text of texts) {
      try {
        values.push(JSON.parse(text));
      } catch {
        return { ok: false, error: 'not JSON' };
      }
    }
    return { ok: true, value: values };
  }
  const bytes = frame.bytes ?? new Uint8Array();
  const parts = framing.batched ? splitBatch(bytes) : { ok: true as const, value: [bytes] };
  if (!parts.ok) return parts;
  const values: unknown[] = [];
  for (const part of parts.value) {
    const value = decodeBinary(part, framing.serializer);
    if (!value.ok) return value;
    values.push(value.value);
  }
  return { ok: true, value: values };
}

function splitBatch(bytes: Uint8Array): Result<Uint8Array[], string> {
  const parts: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos = 0; pos < bytes.length;) {
    if (pos + 4 > bytes.length) return { ok: false, error: 'a batched length prefix is cut short' };
    const length = view.getUint32(pos);
    if (pos + 4 + length > bytes.length)
      return { ok: false, error: `a batched message says ${length} bytes, but fewer follow` };
    parts.push(bytes.subarray(pos + 4, pos + 4 + length));
    pos += 4 + length;
  }
  return { ok: true, value: parts };
}

function decodeBinary(bytes: Uint8Array, serializer: Serializer | undefined): Result<unknown, string> {
  const tries: Serializer[] =
    serializer === 'cbor' ? ['cbor'] : serializer === 'msgpack' ? ['msgpack'] : ['msgpack', 'cbor'];
  let error = '';
  for (const format of tries) {
    try {
      const value = format === 'msgpack' ? decodeMsgpack(bytes, { useBigInt64: true }) : decodeCbor(bytes);
      return { ok: true, value: valueTree(value) };
    } catch (thrown) {
      error = `not ${format === 'msgpack' ? 'MessagePack' : 'CBOR'}: ${messageOf(thrown)}`;
    }
  }
  return { ok: false, error };
}

export function writeMessage(message: unknown[], { serializer = 'json', batched }: Framing): OutgoingFrame {
  if (serializer === 'json') return { text: JSON.stringify(message) + (batched ? '\u001e' : '') };
  const body = serializer === 'msgpack' ? encodeMsgpack(message) : encodeCbor(message);
  if (!batched) return { bytes: body };
  const framed = new Uint8Array(4 + body.length);
  new DataView(framed.buffer).setUint32(0, body.length);
  framed.set(body, 4);
  return { bytes: framed };
}
