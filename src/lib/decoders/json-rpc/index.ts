import type { Decoder } from '../decoder';
import { composeJsonRpc } from './compose';
import { JsonRpcSession } from './session';

/** JSON-RPC 2.0 (and 1.0 replies): requests, notifications, results, errors and batches. No keep-alive of its own. */
export const decoder: Decoder = {
  id: 'json-rpc',
  label: 'JSON-RPC',
  start: () => new JsonRpcSession(),
  compose: composeJsonRpc,
};
