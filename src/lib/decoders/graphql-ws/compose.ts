import type { Result } from '../../result';
import type { ComposeContext, OutgoingFrame } from '../decoder';
import { isLegacy } from './flavour';

/**
 * The composer's context, plus the negotiated subprotocol: the legacy `graphql-ws` starts an operation with
 * `start` and cancels it with `stop`, graphql-transport-ws with `subscribe` and `complete`.
 */
export interface GraphqlComposeContext extends ComposeContext {
  protocol?: string;
}

/**
 * Encodes `{"query":"subscription { … }","variables":{},"operationName":"…"}` as a subscribe (or start) with the
 * next id, and `{"complete":"1"}` as the message that cancels operation 1.
 */
export function composeGraphql(
  description: unknown,
  context: GraphqlComposeContext,
): Result<OutgoingFrame[]> {
  if (typeof description !== 'object' || description === null || Array.isArray(description)) {
    return {
      ok: false,
      error: 'Describe a GraphQL operation as an object, e.g. {"query":"subscription { greetings }"}',
    };
  }
  const legacy = isLegacy(context.protocol);
  const { query, variables, operationName, extensions, complete } = description as Record<string, unknown>;
  if (complete !== undefined) {
    if (typeof complete !== 'string' || complete === '')
      return { ok: false, error: '“complete” is the id of the operation to cancel' };
    return {
      ok: true,
      value: [{ text: JSON.stringify({ id: complete, type: legacy ? 'stop' : 'complete' }) }],
    };
  }
  if (typeof query !== 'string' || query.trim() === '')
    return { ok: false, error: '“query” is the GraphQL document to run' };
  if (
    variables !== undefined &&
    (typeof variables !== 'object' || variables === null || Array.isArray(variables))
  ) {
    return { ok: false, error: '“variables” is an object of the variables’ values' };
  }
  if (operationName !== undefined && typeof operationName !== 'string') {
    return { ok: false, error: '“operationName” names the operation to run' };
  }
  if (
    extensions !== undefined &&
    (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions))
  ) {
    return { ok: false, error: '“extensions” is an object' };
  }
  const payload = {
    query,
    ...(variables === undefined ? {} : { variables }),
    ...(operationName === undefined ? {} : { operationName }),
    ...(extensions === undefined ? {} : { extensions }),
  };
  const message = { id: String(context.nextId()), type: legacy ? 'start' : 'subscribe', payload };
  return { ok: true, value: [{ text: JSON.stringify(message) }] };
}
