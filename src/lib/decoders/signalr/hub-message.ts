import type { DecodedMessage, Pairing } from '../decoder';
import { withFields } from '../json-copy';

/**
 * One hub message, whichever protocol carried it, as the JSON hub protocol spells it (HubProtocol.md): `type` is the
 * number, the other members named as in JSON. A message without `type` is the handshake.
 */
export type HubRecord = Record<string, unknown>;

/** HubProtocol.md's names for the message types, by number. */
export const MESSAGE_TYPES: Record<number, string> = {
  1: 'Invocation',
  2: 'StreamItem',
  3: 'Completion',
  4: 'StreamInvocation',
  5: 'CancelInvocation',
  6: 'Ping',
  7: 'Close',
  8: 'Ack',
  9: 'Sequence',
};

const PREVIEW_LENGTH = 100;

/** The type's name: HubProtocol.md's, or the handshake's, which has none on the wire. */
function typeName(code: unknown, dir: 'in' | 'out'): string {
  if (code === undefined) return dir === 'out' ? 'Handshake' : 'HandshakeResponse';
  return typeof code === 'number' && MESSAGE_TYPES[code] ? MESSAGE_TYPES[code] : `type ${String(code)}`;
}

/** What a field condition reads of a hub message: its members, its type's name and code. */
export function hubFields(
  record: HubRecord,
  dir: 'in' | 'out',
  encoding: 'json' | 'messagepack',
): Record<string, unknown> {
  const code = record['type'];
  const type = typeName(code, dir);
  // `encoding` tells the keep-alive which format a handshake response was written in (its pings must match).
  return withFields(record, code === undefined ? { type, encoding } : { type, typeCode: code });
}

export function toDecoded(
  record: HubRecord,
  dir: 'in' | 'out',
  encoding: 'json' | 'messagepack',
): DecodedMessage {
  const code = record['type'];
  if (code === undefined) return handshake(record, dir, encoding);
  const type = typeName(code, dir);
  const invocationId = typeof record['invocationId'] === 'string' ? record['invocationId'] : undefined;
  const target = typeof record['target'] === 'string' ? record['target'] : undefined;
  const key = target ?? invocationId;
  const message: DecodedMessage = {
    type,
    summary: [type, key, detailOf(record)].filter(Boolean).join(' '),
    tree: record,
    fields: hubFields(record, dir, encoding),
  };
  if (key !== undefined) message.key = key;
  if (code === 6) message.control = true;
  const pairing = pairingOf(code, invocationId);
  if (pairing) message.pairing = pairing;
  return message;
}

/** Pairs by invocationId: an Invocation or StreamInvocation with one awaits StreamItems and a Completion. */
function pairingOf(code: unknown, invocationId: string | undefined): Pairing | undefined {
  if (invocationId === undefined) return undefined;
  const key = `invocation:${invocationId}`;
  if (code === 1 || code === 4) return { key, role: 'request' };
  if (code === 2) return { key, role: 'reply', final: false };
  if (code === 3) return { key, role: 'reply', final: true };
  return undefined;
}

function handshake(record: HubRecord, dir: 'in' | 'out', encoding: 'json' | 'messagepack'): DecodedMessage {
  const request = dir === 'out';
  const type = typeName(undefined, dir);
  const error = typeof record['error'] === 'string' ? record['error'] : undefined;
  const key = request ? String(record['protocol']) : undefined;
  const message: DecodedMessage = {
    type,
    summary: [type, key, error].filter(Boolean).join(' '),
    tree: record,
    fields: hubFields(record, dir, encoding),
    control: true,
    pairing: request
      ? { key: 'handshake', role: 'request' }
      : { key: 'handshake', role: 'reply', final: true },
  };
  if (key !== undefined) message.key = key;
  return message;
}

function detailOf(record: HubRecord): string {
  const shown =
    record['arguments'] ??
    record['item'] ??
    record['result'] ??
    record['error'] ??
    record['sequenceId'] ??
    undefined;
  if (shown === undefined) return '';
  const text = typeof shown === 'string' ? shown : JSON.stringify(shown);
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}
