import type { Direction } from '../../model/frame';
import type { Result } from '../../result';
import type { DecodedMessage, Pairing } from '../decoder';
import { isObject } from '../../guards';
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

/**
 * One JSON-RPC object: a request (method and id), a notification (method, no id), a result or an error (id).
 * JSON-RPC 1.0 replies, with both `result` and `error` present and one of them null, are read too.
 */
export function jsonRpcMessage(value: unknown, dir: Direction): Result<DecodedMessage> {
  if (!isObject(value)) {
    return {
      ok: false,
      error: `A JSON-RPC message is an object; this is ${Array.isArray(value) ? 'an array' : jsonPreview(value)}`,
    };
  }
  const { method, params, id } = value;
  const hasId = 'id' in value && id !== undefined;
  if (typeof method === 'string') {
    if (params !== undefined && typeof params !== 'object') {
      return {
        ok: false,
        error: `The params of ${method} are an object or an array, not ${jsonPreview(params)}`,
      };
    }
    const detail = params === undefined ? '' : ` ${jsonPreview(params)}`;
    if (hasId) {
      const pairing: Pairing = { key: idKey(id, dir), role: 'request' };
      return message('request', method, method, `${method}${detail} (id ${jsonPreview(id)})`, value, pairing);
    }
    const subscription = subscriptionOf(params);
    if (subscription === undefined)
      return message('notification', method, method, `${method}${detail}`, value);
    // A subscription's items are replies that never end; they share the subscription id, not a request id.
    const item = isObject(params) ? params['result'] : undefined;
    const pairing: Pairing = { key: `subscription:${subscription}`, role: 'reply', final: false };
    return message(
      'notification',
      method,
      subscription,
      `${method} ${subscription} ${jsonPreview(item)}`,
      value,
      pairing,
      {
        subscription,
      },
    );
  }
  if ('error' in value && value['error'] !== null && value['error'] !== undefined) {
    const error = value['error'];
    const described = isObject(error)
      ? `${String(error['code'])} ${String(error['message'])}`
      : jsonPreview(error);
    return message(
      'error',
      'error',
      jsonPreview(id ?? null),
      `error ${jsonPreview(id ?? null)}: ${described}`,
      value,
      replyTo(id, dir),
    );
  }
  if ('result' in value) {
    return message(
      'result',
      'result',
      jsonPreview(id ?? null),
      `result ${jsonPreview(id ?? null)}: ${jsonPreview(value['result'])}`,
      value,
      replyTo(id, dir),
    );
  }
  return {
    ok: false,
    error: 'A JSON-RPC message has a "method" (a request or notification), a "result" or an "error"',
  };
}

function replyTo(id: unknown, dir: Direction): Pairing | undefined {
  // An error with a null id answers a request too broken to have one: it pairs with nothing.
  if (id === null || id === undefined) return undefined;
  return { key: idKey(id, dir === 'out' ? 'in' : 'out'), role: 'reply', final: true };
}

function message(
  kind: 'request' | 'notification' | 'result' | 'error',
  type: string,
  key: string,
  summary: string,
  value: Record<string, unknown>,
  pairing?: Pairing,
  extra: Record<string, unknown> = {},
): Result<DecodedMessage> {
  return {
    ok: true,
    value: {
      type,
      key,
      summary,
      tree: value,
      // `kind` tells a request from a notification, which share their type (the method).
      fields: { ...value, ...extra, type, kind },
      ...(pairing === undefined ? {} : { pairing }),
    },
  };
}
