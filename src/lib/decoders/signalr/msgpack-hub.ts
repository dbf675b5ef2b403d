import { decode, encode } from '@msgpack/msgpack';
import type { Result } from '../../result';
import { valueTree } from '../value-tree/tree';
import type { HubRecord } from './hub-message';
import { messageOf } from '../../errors';

/**
 * The MessagePack hub protocol (HubProtocol.md, "MessagePack Encoding"): each message is a VarInt length (7 bits a
 * byte, least significant first, at most 5 bytes) and a MessagePack array whose first item is the type. Arrays are
 * read into the JSON protocol's shape, so both decode and compose the same way.
 */

export function parseMsgpackMessages(bytes: Uint8Array): Result<HubRecord[], string> {
  const records: HubRecord[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const length = readVarInt(bytes, pos);
    if (!length.ok) return length;
    const start = pos + length.value.size;
    const end = start + length.value.length;
    if (end > bytes.length)
      return {
        ok: false,
        error: `message ${records.length + 1} says ${length.value.length} bytes, but ${bytes.length - start} follow`,
      };
    let array: unknown;
    try {
      array = decode(bytes.subarray(start, end), { useBigInt64: true });
    } catch (error) {
      return {
        ok: false,
        error: `message ${records.length + 1} is not MessagePack: ${messageOf(error)}`,
      };
    }
    const record = fromArray(valueTree(array));
    if (!record.ok) return { ok: false, error: `message ${records.length + 1}: ${record.error}` };
    records.push(record.value);
    pos = end;
  }
  return { ok: true, value: records };
}

function readVarInt(bytes: Uint8Array, at: number): Result<{ length: number; size: number }, string> {
  let length = 0;
  for (let size = 0; size < 5; size++) {
    const byte = bytes[at + size];
    if (byte === undefined) return { ok: false, error: 'the length prefix is cut short' };
    length += (byte & 0x7f) * 2 ** (7 * size);
    if ((byte & 0x80) === 0) return { ok: true, value: { length, size: size + 1 } };
  }
  return { ok: false, error: 'the length prefix is longer than 5 bytes' };
}

function fromArray(value: unknown): Result<HubRecord, string> {
  if (!Array.isArray(value) || typeof value[0] !== 'number')
    return { ok: false, error: 'not an array starting with a message type' };
  const items = value as unknown[];
  const [type] = items;
  const base = (names: string[]): HubRecord => {
    const record: HubRecord = { type };
    names.forEach((name, index) => {
      const item = items[index + 1];
      // nil stands for an absent invocation id or error; an item may be null itself.
      if (item !== undefined && (item !== null || name === 'item')) record[name] = item;
    });
    return record;
  };
  switch (type) {
    case 1:
    case 4:
      return { ok: true, value: base(['headers', 'invocationId', 'target', 'arguments', 'streamIds']) };
    case 2:
      return { ok: true, value: base(['headers', 'invocationId', 'item']) };
    case 3: {
      const record = base(['headers', 'invocationId', 'resultKind']);
      const kind = items[3];
      if (kind === 1) record['error'] = items[4];
      else if (kind === 3) record['result'] = items[4] ?? null;
      else if (kind !== 2)
        return { ok: false, error: `Completion result kind ${String(kind)} is not 1, 2 or 3` };
      return { ok: true, value: record };
    }
    case 5:
      return { ok: true, value: base(['headers', 'invocationId']) };
    case 6:
      return { ok: true, value: { type } };
    case 7:
      return { ok: true, value: base(['error', 'allowReconnect']) };
    case 8:
    case 9:
      return { ok: true, value: base(['sequenceId']) };
    default:
      return { ok: true, value: base(['body']) };
  }
}

/** The array a message's JSON shape stands for; undefined for a type MessagePack does not define. */
export function toArray(record: HubRecord): unknown[] | undefined {
  const headers = record['headers'] ?? {};
  const id = record['invocationId'] ?? null;
  switch (record['type']) {
    case 1:
    case 4: {
      const array = [record['type'], headers, id, record['target'], record['arguments'] ?? []];
      return record['streamIds'] === undefined ? array : [...array, record['streamIds']];
    }
    case 2:
      return [2, headers, id, record['item'] ?? null];
    case 3:
      if (record['error'] !== undefined) return [3, headers, id, 1, record['error']];
      return 'result' in record ? [3, headers, id, 3, record['result']] : [3, headers, id, 2];
    case 5:
      return [5, headers, id];
    case 6:
      return [6];
    case 7:
      return record['allowReconnect'] === undefined
        ? [7, record['error'] ?? null]
        : [7, record['error'] ?? null, record['allowReconnect']];
    case 8:
    case 9:
      return [record['type'], record['sequenceId']];
    default:
      return undefined;
  }
}

export function writeMsgpackMessage(array: unknown[]): Uint8Array {
  const body = encode(array);
  const prefix: number[] = [];
  let length = body.length;
  do {
    prefix.push((length & 0x7f) | (length > 0x7f ? 0x80 : 0));
    length = Math.floor(length / 0x80);
  } while (length > 0);
  const framed = new Uint8Array(prefix.length + body.length);
  framed.set(prefix);
  framed.set(body, prefix.length);
  return framed;
}
