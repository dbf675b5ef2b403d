import type { Direction } from '../../model/frame';
import type { Result } from '../../result';
import type { DecodedMessage, Pairing } from '../decoder';
import { isObject } from '../../guards';
import { withFields } from '../json-copy';
import { clipPreview, jsonPreview } from '../preview';

/**
 * Every message type of both subprotocols. graphql-transport-ws: connection_init/ack, ping, pong, subscribe, next,
 * error, complete. Legacy graphql-ws: connection_init/ack/error, ka, start, data, error, complete, stop,
 * connection_terminate.
 */
const OPERATION_TYPES = new Set(['subscribe', 'start', 'next', 'data', 'error', 'complete', 'stop']);
const CONNECTION_TYPES = new Set([
  'connection_init',
  'connection_ack',
  'connection_error',
  'connection_terminate',
]);
const HEARTBEAT_TYPES = new Set(['ping', 'pong', 'ka']);

/** A query on one line, white space collapsed, for the grid. */
function oneLine(query: string): string {
  return clipPreview(query.replace(/\s+/g, ' ').trim());
}

/**
 * Operations are named by the client's id, so `op:<id>` pairs a subscribe (or start) with its next/data items
 * (not final), and the error or the server's complete (final). The client's own complete or stop cancels and
 * is answered by nothing.
 */
function pairingOf(type: string, id: string | undefined, dir: Direction): Pairing | undefined {
  if (type === 'connection_init') return { key: 'connection_init', role: 'request' };
  if (type === 'connection_ack' || type === 'connection_error') {
    return { key: 'connection_init', role: 'reply', final: true };
  }
  // Either end may ping; the key says who asked.
  if (type === 'ping') return { key: dir === 'out' ? 'ping' : 'server-ping', role: 'request' };
  if (type === 'pong') return { key: dir === 'out' ? 'server-ping' : 'ping', role: 'reply', final: true };
  if (id === undefined) return undefined;
  if (type === 'subscribe' || type === 'start') return { key: `op:${id}`, role: 'request' };
  if (type === 'next' || type === 'data') return { key: `op:${id}`, role: 'reply', final: false };
  if (type === 'error' || (type === 'complete' && dir === 'in'))
    return { key: `op:${id}`, role: 'reply', final: true };
  return undefined;
}

/** What the grid shows after the type and the id. */
function detailOf(type: string, payload: unknown): string {
  if ((type === 'subscribe' || type === 'start') && isObject(payload)) {
    const name = typeof payload['operationName'] === 'string' ? `${payload['operationName']}: ` : '';
    const query = typeof payload['query'] === 'string' ? oneLine(payload['query']) : jsonPreview(payload);
    return name + query;
  }
  if (type === 'error' && Array.isArray(payload)) {
    return payload
      .map((error) => (isObject(error) ? String(error['message']) : jsonPreview(error)))
      .join('; ');
  }
  return payload === undefined ? '' : jsonPreview(payload);
}

/** A message checked, with what a field condition reads of it: all a filter over a million frames needs. */
interface Reading {
  record: Record<string, unknown>;
  type: string;
  /** The operation's id, for the messages of an operation. */
  operationId?: string;
  fields: Record<string, unknown>;
}

/** One message of either subprotocol: `{type, id?, payload?}`. */
function readGraphql(value: unknown): Result<Reading> {
  if (!isObject(value) || typeof value['type'] !== 'string') {
    return { ok: false, error: 'A GraphQL over WebSocket message is a JSON object with a "type"' };
  }
  const { type, id, payload } = value;
  const isOperation = OPERATION_TYPES.has(type);
  if (!isOperation && !CONNECTION_TYPES.has(type) && !HEARTBEAT_TYPES.has(type)) {
    return {
      ok: false,
      error: `“${type}” is not a message type of graphql-transport-ws or the legacy graphql-ws`,
    };
  }
  if (isOperation && (typeof id !== 'string' || id === '')) {
    return { ok: false, error: `A ${type} message names its operation with a string "id"` };
  }
  if ((type === 'subscribe' || type === 'start') && !isObject(payload)) {
    return { ok: false, error: `A ${type} message carries the operation as its payload: {"query": …}` };
  }
  // The payload's members are read as the message's own: `data.price > 3`, `operationName = OnTrade`.
  const fromPayload: Record<string, unknown> = {};
  if (isObject(payload)) {
    for (const field of ['query', 'operationName', 'variables', 'data', 'errors']) {
      if (payload[field] !== undefined) fromPayload[field] = payload[field];
    }
  }
  if (type === 'error' && Array.isArray(payload)) fromPayload['errors'] = payload;
  const reading: Reading = { record: value, type, fields: withFields(value, fromPayload) };
  if (isOperation) reading.operationId = id as string;
  return { ok: true, value: reading };
}

/** A message's fields as decoding gives them, for a filter: no summary, no pairing. */
export function graphqlFields(value: unknown): Result<Record<string, unknown>> {
  const reading = readGraphql(value);
  return reading.ok ? { ok: true, value: reading.value.fields } : reading;
}

export function graphqlMessage(value: unknown, dir: Direction): Result<DecodedMessage> {
  const reading = readGraphql(value);
  if (!reading.ok) return reading;
  const { record, type, operationId, fields } = reading.value;
  const pairing = pairingOf(type, operationId, dir);
  const detail = detailOf(type, record['payload']);
  return {
    ok: true,
    value: {
      type,
      ...(operationId === undefined ? {} : { key: operationId }),
      summary: [type, operationId, detail].filter((part) => part !== undefined && part !== '').join(' '),
      tree: record,
      fields,
      ...(pairing === undefined ? {} : { pairing }),
      ...(CONNECTION_TYPES.has(type) && type !== 'connection_error' ? { control: true } : {}),
      ...(HEARTBEAT_TYPES.has(type) ? { control: true } : {}),
    },
  };
}
