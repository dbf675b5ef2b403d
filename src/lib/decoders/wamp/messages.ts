import type { DecodedMessage, Pairing } from '../decoder';

/**
 * WAMP v2 messages (wamp-proto `rfc/`, "Message Codes and Direction"): name and field names by code. Field names
 * follow the spec's, in camelCase, as Firefox's WAMP view shows them.
 */
export const MESSAGE_FIELDS: Record<number, [name: string, fields: string[]]> = {
  1: ['HELLO', ['realm', 'details']],
  2: ['WELCOME', ['session', 'details']],
  3: ['ABORT', ['details', 'reason']],
  4: ['CHALLENGE', ['authMethod', 'extra']],
  5: ['AUTHENTICATE', ['signature', 'extra']],
  6: ['GOODBYE', ['details', 'reason']],
  8: ['ERROR', ['requestType', 'request', 'details', 'error', 'arguments', 'argumentsKw']],
  16: ['PUBLISH', ['request', 'options', 'topic', 'arguments', 'argumentsKw']],
  17: ['PUBLISHED', ['request', 'publication']],
  32: ['SUBSCRIBE', ['request', 'options', 'topic']],
  33: ['SUBSCRIBED', ['request', 'subscription']],
  34: ['UNSUBSCRIBE', ['request', 'subscription']],
  35: ['UNSUBSCRIBED', ['request']],
  36: ['EVENT', ['subscription', 'publication', 'details', 'arguments', 'argumentsKw']],
  48: ['CALL', ['request', 'options', 'procedure', 'arguments', 'argumentsKw']],
  49: ['CANCEL', ['request', 'options']],
  50: ['RESULT', ['request', 'details', 'arguments', 'argumentsKw']],
  64: ['REGISTER', ['request', 'options', 'procedure']],
  65: ['REGISTERED', ['request', 'registration']],
  66: ['UNREGISTER', ['request', 'registration']],
  67: ['UNREGISTERED', ['request']],
  68: ['INVOCATION', ['request', 'registration', 'details', 'arguments', 'argumentsKw']],
  69: ['INTERRUPT', ['request', 'options']],
  70: ['YIELD', ['request', 'options', 'arguments', 'argumentsKw']],
};

/** Replies name their request's type: SUBSCRIBED answers SUBSCRIBE, RESULT a CALL, YIELD an INVOCATION. */
const REQUEST_OF_REPLY: Record<number, number> = { 17: 16, 33: 32, 35: 34, 50: 48, 65: 64, 67: 66, 70: 68 };
const REQUESTS = new Set([16, 32, 34, 48, 64, 66, 68]);
const HANDSHAKE = new Set([1, 2, 4, 5]);

/** What the key shows after the name: the realm, topic, procedure, error or reason, else the ids. */
const KEY_FIELDS = ['realm', 'topic', 'procedure', 'error', 'reason', 'request', 'subscription', 'session'];
const PREVIEW_LENGTH = 100;

/** A message's fields by name, its type's name and code; or why it is no WAMP message. */
export function wampFields(message: unknown[]): Record<string, unknown> | string {
  const [code] = message;
  const known = typeof code === 'number' ? MESSAGE_FIELDS[code] : undefined;
  if (!known) return `${JSON.stringify(code)} is not a WAMP message code`;
  const [type, names] = known;
  const fields: Record<string, unknown> = { type, code };
  names.forEach((name, index) => {
    if (index + 1 < message.length) fields[name] = message[index + 1];
  });
  return fields;
}

export function toDecoded(message: unknown[]): DecodedMessage | string {
  const fields = wampFields(message);
  if (typeof fields === 'string') return fields;
  const type = fields['type'] as string;
  const code = fields['code'] as number;
  const keyField = KEY_FIELDS.find((name) => fields[name] !== undefined);
  const key = keyField === undefined ? undefined : String(fields[keyField]);
  const payload = fields['argumentsKw'] ?? fields['arguments'];
  const preview = payload === undefined ? '' : (JSON.stringify(payload) ?? '');
  const decoded: DecodedMessage = {
    type,
    summary: [type, key, preview.length > PREVIEW_LENGTH ? `${preview.slice(0, PREVIEW_LENGTH)}…` : preview]
      .filter(Boolean)
      .join(' '),
    tree: fields,
    fields,
  };
  if (key !== undefined) decoded.key = key;
  if (HANDSHAKE.has(code as number)) decoded.control = true;
  const pairing = pairingOf(code as number, fields);
  if (pairing) decoded.pairing = pairing;
  return decoded;
}

/** Replies echo the request id; the key names the request's type, since each type counts its ids on its own. */
function pairingOf(code: number, fields: Record<string, unknown>): Pairing | undefined {
  if (code === 1) return { key: 'session', role: 'request' };
  if (code === 2 || code === 3) return { key: 'session', role: 'reply', final: true };
  const request = fields['request'];
  if (typeof request !== 'number') return undefined;
  if (REQUESTS.has(code)) return { key: `${code}:${request}`, role: 'request' };
  const requestType = code === 8 ? fields['requestType'] : REQUEST_OF_REPLY[code];
  if (typeof requestType !== 'number') return undefined;
  // A progressive RESULT or YIELD is followed by more.
  const options = (code === 50 ? fields['details'] : fields['options']) as
    Record<string, unknown> | undefined;
  const progress = typeof options === 'object' && options !== null && options['progress'] === true;
  return { key: `${requestType}:${request}`, role: 'reply', final: !progress };
}
