import type { Direction } from '../../model/frame';
import type { Result } from '../../result';
import type { DecodedMessage, Pairing } from '../decoder';
import { isObject } from '../../guards';
import { withFields } from '../json-copy';
import { jsonPreview } from '../preview';

/**
 * Ids are counted by whoever asks, and either end may ask (a server can call the client), so the key says who
 * asked. `id:1` and `id:"1"` are different ids, as the spec has it.
 */
function idKey(id: unknown, askedBy: Direction): string {
  return `${askedBy === 'out' ? 'id' : 'server-id'}:${JSON.stringify(id)}`;
}

/** The subscription a notification belongs to (`params.subscription`, as Ethereum and many others send it). */
function subscriptionOf(params: unknown): string | undefined {
  if (!isObject(params)) return undefined;
  const subscription = params['subscription'];
  return typeof subscription === 'string' || typeof subscription === 'number'
    ? String(subscription)
    : undefined;
}

/** What a JSON-RPC object is, read without building its summary: all a filter over a million frames needs. */
interface Reading {
  record: Record<string, unknown>;
  kind: 'request' | 'notification' | 'result' | 'error';
  /** The method, or `result` or `error`. */
  type: string;
  /** A subscription's item names it in `params.subscription`. */
  subscription?: string;
}

/**
 * One JSON-RPC object: a request (method and id), a notification (method, no id), a result or an error (id).
 * JSON-RPC 1.0 replies, with both `result` and `error` present and one of them null, are read too.
 */
function readJsonRpc(value: unknown): Result<Reading> {
  if (!isObject(value)) {
    return {
      ok: false,
      error: `A JSON-RPC message is an object; this is ${Array.isArray(value) ? 'an array' : jsonPreview(value)}`,
    };
  }
  const { method, params, id } = value;
  if (typeof method === 'string') {
    if (params !== undefined && typeof params !== 'object') {
      return {
        ok: false,
        error: `The params of ${method} are an object or an array, not ${jsonPreview(params)}`,
      };
    }
    if ('id' in value && id !== undefined)
      return { ok: true, value: { record: value, kind: 'request', type: method } };
    const subscription = subscriptionOf(params);
    const reading: Reading = { record: value, kind: 'notification', type: method };
    if (subscription !== undefined) reading.subscription = subscription;
    return { ok: true, value: reading };
  }
  if ('error' in value && value['error'] !== null && value['error'] !== undefined) {
    return { ok: true, value: { record: value, kind: 'error', type: 'error' } };
  }
  if ('result' in value) return { ok: true, value: { record: value, kind: 'result', type: 'result' } };
  return {
    ok: false,
    error: 'A JSON-RPC message has a "method" (a request or notification), a "result" or an "error"',
  };
}

/** What a field condition reads: the object's members, and `kind`, which tells a request from a notification. */
function fieldsOf({ record, kind, type, subscription }: Reading): Record<string, unknown> {
  return withFields(record, subscription === undefined ? { type, kind } : { subscription, type, kind });
}

/** A JSON-RPC object's fields as its message has them, for a filter: no summary, no pairing. */
export function jsonRpcFields(value: unknown): Result<Record<string, unknown>> {
  const reading = readJsonRpc(value);
  return reading.ok ? { ok: true, value: fieldsOf(reading.value) } : reading;
}

export function jsonRpcMessage(value: unknown, dir: Direction): Result<DecodedMessage> {
  const reading = readJsonRpc(value);
  if (!reading.ok) return reading;
  const { record, kind, type, subscription } = reading.value;
  const { params, id } = record;
  const fields = fieldsOf(reading.value);
  const detail = () => (params === undefined ? '' : ` ${jsonPreview(params)}`);
  switch (kind) {
    case 'request':
      return message(type, type, `${type}${detail()} (id ${jsonPreview(id)})`, record, fields, {
        key: idKey(id, dir),
        role: 'request',
      });
    case 'notification': {
      if (subscription === undefined) return message(type, type, `${type}${detail()}`, record, fields);
      // A subscription's items are replies that never end; they share the subscription id, not a request id.
      const item = isObject(params) ? params['result'] : undefined;
      return message(type, subscription, `${type} ${subscription} ${jsonPreview(item)}`, record, fields, {
        key: `subscription:${subscription}`,
        role: 'reply',
        final: false,
      });
    }
    case 'error': {
      const error = record['error'];
      const described = isObject(error)
        ? `${String(error['code'])} ${String(error['message'])}`
        : jsonPreview(error);
      const shownId = jsonPreview(id ?? null);
      return message(type, shownId, `error ${shownId}: ${described}`, record, fields, replyTo(id, dir));
    }
    case 'result': {
      const shownId = jsonPreview(id ?? null);
      const shown = `result ${shownId}: ${jsonPreview(record['result'])}`;
      return message(type, shownId, shown, record, fields, replyTo(id, dir));
    }
  }
}

function replyTo(id: unknown, dir: Direction): Pairing | undefined {
  // An error with a null id answers a request too broken to have one: it pairs with nothing.
  if (id === null || id === undefined) return undefined;
  return { key: idKey(id, dir === 'out' ? 'in' : 'out'), role: 'reply', final: true };
}

function message(
  type: string,
  key: string,
  summary: string,
  tree: Record<string, unknown>,
  fields: Record<string, unknown>,
  pairing?: Pairing,
): Result<DecodedMessage> {
  return {
    ok: true,
    value: { type, key, summary, tree, fields, ...(pairing === undefined ? {} : { pairing }) },
  };
}
