import type { Result } from '../../result';
import type { ComposeContext, OutgoingFrame } from '../decoder';

/**
 * Encodes `{"method":"add","params":{…}}` as a request with the next id (`"notify":true` sends a notification,
 * without one); an array of such descriptions is sent as one batch.
 */
export function composeJsonRpc(description: unknown, context: ComposeContext): Result<OutgoingFrame[]> {
  if (Array.isArray(description)) {
    if (description.length === 0) return { ok: false, error: 'A batch holds at least one request' };
    const batch: unknown[] = [];
    for (const [index, item] of description.entries()) {
      const one = request(item, context);
      if (!one.ok) return { ok: false, error: `Request ${index + 1} of the batch: ${one.error}` };
      batch.push(one.value);
    }
    return { ok: true, value: [{ text: JSON.stringify(batch) }] };
  }
  const one = request(description, context);
  return one.ok ? { ok: true, value: [{ text: JSON.stringify(one.value) }] } : one;
}

function request(description: unknown, context: ComposeContext): Result<Record<string, unknown>> {
  if (typeof description !== 'object' || description === null || Array.isArray(description)) {
    return {
      ok: false,
      error: 'Describe a JSON-RPC request as an object, e.g. {"method":"add","params":[1,2]}',
    };
  }
  const { method, params, notify } = description as Record<string, unknown>;
  if (typeof method !== 'string' || method === '')
    return { ok: false, error: '“method” names the method to call' };
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    return { ok: false, error: '“params” is an object or an array' };
  }
  if (notify !== undefined && typeof notify !== 'boolean') {
    return { ok: false, error: '“notify” is true to send a notification (no id, no reply), or false' };
  }
  // A notification has no id: nothing answers it.
  const id = notify === true ? {} : { id: context.nextId() };
  return { ok: true, value: { jsonrpc: '2.0', ...id, method, ...(params === undefined ? {} : { params }) } };
}
