/** Reads an Insomnia v4 export's WebSocket requests as profiles, their payloads as saved messages. */
import { isObject } from '../guards';
import { newId } from '../ids';
import type { Result } from '../result';
import type { SavedMessage } from './profile';
import { defaultMessageName, defaultProfileName } from './profile';
import type { ImportedProfiles } from './profile-file';
import { MAX_IMPORTED_ITEMS, MAX_IMPORTED_PROFILES } from './profile-file';

/** Insomnia v4: `websocket_request` resources become profiles, `websocket_payload` their saved messages. */
export function readInsomnia(list: unknown[]): Result<ImportedProfiles> {
  const resources = list.filter(isObject);
  const requests = resources.filter((r) => r._type === 'websocket_request');
  if (requests.length === 0) return { ok: false, error: 'This Insomnia export has no WebSocket requests.' };
  // Grouped once: looking each request's payloads up in the whole list would take quadratic time.
  const payloadsByParent = new Map<unknown, Record<string, unknown>[]>();
  for (const resource of resources) {
    if (resource._type !== 'websocket_payload' || typeof resource.value !== 'string') continue;
    const siblings = payloadsByParent.get(resource.parentId) ?? [];
    if (siblings.length < MAX_IMPORTED_ITEMS) siblings.push(resource);
    payloadsByParent.set(resource.parentId, siblings);
  }
  const imported: ImportedProfiles = {
    profiles: [],
    source: 'Insomnia',
    skipped: 0,
    droppedVariables: {},
    environments: [],
  };
  for (const request of requests) {
    if (typeof request.url !== 'string' || imported.profiles.length >= MAX_IMPORTED_PROFILES) {
      imported.skipped++;
      continue;
    }
    const messages = (payloadsByParent.get(request._id) ?? []).map((payload): SavedMessage => {
      const body = payload.value as string;
      const name =
        typeof payload.name === 'string' && payload.name !== '' ? payload.name : defaultMessageName(body);
      return {
        id: newId(),
        name,
        format: payload.mode === 'application/json' ? 'json' : 'text',
        body,
        sendOnOpen: false,
      };
    });
    imported.profiles.push({
      name:
        typeof request.name === 'string' && request.name !== ''
          ? request.name.slice(0, 200)
          : defaultProfileName(request.url),
      url: request.url,
      protocols: '',
      binaryType: 'arraybuffer',
      variables: [],
      messages,
      notes: typeof request.description === 'string' ? request.description : '',
      reconnect: false,
    });
  }
  return { ok: true, value: imported };
}
