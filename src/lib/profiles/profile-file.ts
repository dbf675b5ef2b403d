import type { MessageFormat } from '../compose/message';
import { MESSAGE_FORMATS } from '../compose/message';
import { isObject } from '../formats/validate';
import type { Result } from '../result';
import type { Profile, ProfileVariable, SavedMessage } from './profile';
import { defaultMessageName, defaultProfileName } from './profile';

/** Profile files are settings, not recordings: anything bigger is not one. */
export const MAX_PROFILE_FILE_BYTES = 5 * 1024 * 1024;

export interface ProfilesFile {
  format: 'wsi-profiles';
  v: 1;
  exportedAt: string;
  /** Names of the secret variables whose values were left out. */
  redacted: string[];
  profiles: Omit<Profile, 'id' | 'createdAt' | 'lastUsedAt'>[];
}

/** Profiles as a JSON file. Secret variables keep their names but lose their values unless asked otherwise. */
export function exportProfiles(
  profiles: readonly Profile[],
  includeSecrets: boolean,
  now = new Date(),
): string {
  const redacted = new Set<string>();
  const file: ProfilesFile = {
    format: 'wsi-profiles',
    v: 1,
    exportedAt: now.toISOString(),
    redacted: [],
    profiles: profiles.map(({ name, url, protocols, binaryType, variables, messages, notes, reconnect }) => ({
      name,
      url,
      protocols,
      binaryType,
      notes,
      reconnect,
      variables: variables.map((variable) => {
        if (!variable.secret || includeSecrets) return { ...variable };
        redacted.add(variable.name);
        return { ...variable, value: '' };
      }),
      messages: messages.map((message) => ({ ...message })),
    })),
  };
  file.redacted = [...redacted].sort();
  return JSON.stringify(file, null, 2);
}

export interface ImportedProfiles {
  profiles: Omit<Profile, 'id' | 'createdAt' | 'lastUsedAt'>[];
  /** Where they came from, for the message after the import. */
  source: 'WS Inspector' | 'Insomnia';
  /** Entries that were not profiles or were damaged, left out. */
  skipped: number;
}

/** Reads our own profile file or an Insomnia v4 export; a file that is neither is refused with a reason. */
export function importProfiles(text: string): Result<ImportedProfiles> {
  if (text.length > MAX_PROFILE_FILE_BYTES)
    return { ok: false, error: 'This file is too large to be a profiles file.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: 'This file is not JSON, so it is neither a WS Inspector nor an Insomnia export.',
    };
  }
  if (!isObject(data)) return { ok: false, error: 'This file holds no profiles.' };
  if (data.format === 'wsi-profiles') return readOwnFile(data);
  if (data._type === 'export' && Array.isArray(data.resources)) return readInsomnia(data);
  return { ok: false, error: 'Not a WS Inspector profiles file or an Insomnia v4 export.' };
}

function readOwnFile(data: Record<string, unknown>): Result<ImportedProfiles> {
  if (typeof data.v !== 'number' || data.v > 1) {
    return { ok: false, error: `This file is version ${String(data.v)}; this WS Inspector reads version 1.` };
  }
  if (!Array.isArray(data.profiles)) return { ok: false, error: 'This file has no list of profiles.' };
  const profiles: ImportedProfiles['profiles'] = [];
  for (const entry of data.profiles) {
    const profile = readProfile(entry);
    if (profile) profiles.push(profile);
  }
  return {
    ok: true,
    value: { profiles, source: 'WS Inspector', skipped: data.profiles.length - profiles.length },
  };
}

function readProfile(entry: unknown): ImportedProfiles['profiles'][number] | null {
  if (!isObject(entry) || typeof entry.url !== 'string' || typeof entry.name !== 'string') return null;
  return {
    name: entry.name.slice(0, 200),
    url: entry.url,
    protocols: typeof entry.protocols === 'string' ? entry.protocols : '',
    binaryType: entry.binaryType === 'blob' ? 'blob' : 'arraybuffer',
    variables: Array.isArray(entry.variables) ? entry.variables.flatMap(readVariable) : [],
    messages: Array.isArray(entry.messages) ? entry.messages.flatMap(readMessage) : [],
    notes: typeof entry.notes === 'string' ? entry.notes : '',
    reconnect: entry.reconnect === true,
  };
}

function readVariable(entry: unknown): ProfileVariable[] {
  if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'string') return [];
  return [{ name: entry.name, value: entry.value, secret: entry.secret === true }];
}

function readMessage(entry: unknown): SavedMessage[] {
  if (!isObject(entry) || typeof entry.body !== 'string') return [];
  const format = MESSAGE_FORMATS.includes(entry.format as MessageFormat)
    ? (entry.format as MessageFormat)
    : 'text';
  const name = typeof entry.name === 'string' ? entry.name : defaultMessageName(entry.body);
  return [
    { id: String(entry.id ?? name), name, format, body: entry.body, sendOnOpen: entry.sendOnOpen === true },
  ];
}

/** Insomnia v4: `websocket_request` resources become profiles, `websocket_payload` their saved messages. */
function readInsomnia(data: Record<string, unknown>): Result<ImportedProfiles> {
  const resources = (data.resources as unknown[]).filter(isObject);
  const requests = resources.filter((r) => r._type === 'websocket_request');
  if (requests.length === 0) return { ok: false, error: 'This Insomnia export has no WebSocket requests.' };
  const profiles: ImportedProfiles['profiles'] = [];
  let skipped = 0;
  for (const request of requests) {
    if (typeof request.url !== 'string') {
      skipped++;
      continue;
    }
    const messages = resources
      .filter(
        (r) => r._type === 'websocket_payload' && r.parentId === request._id && typeof r.value === 'string',
      )
      .map((payload, index): SavedMessage => {
        const body = payload.value as string;
        const name =
          typeof payload.name === 'string' && payload.name !== '' ? payload.name : defaultMessageName(body);
        return {
          id: `insomnia-${index}`,
          name,
          format: payload.mode === 'application/json' ? 'json' : 'text',
          body,
          sendOnOpen: false,
        };
      });
    profiles.push({
      name:
        typeof request.name === 'string' && request.name !== ''
          ? request.name
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
  return { ok: true, value: { profiles, source: 'Insomnia', skipped } };
}

/**
 * The contract's deep link for a profile. Variables travel as `{{names}}`, never as values, and a password
 * written into the URL itself is left out.
 */
export function profileLink(
  profile: Pick<Profile, 'url' | 'protocols' | 'binaryType'>,
  appUrl: string,
): string {
  const link = new URL(appUrl);
  link.search = '';
  link.hash = '';
  link.searchParams.set('url', withoutPassword(profile.url));
  if (profile.protocols.trim() !== '') link.searchParams.set('protocols', profile.protocols);
  link.searchParams.set('binaryType', profile.binaryType);
  return link.href;
}

function withoutPassword(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^/@:]*):[^/@]*@/i, '$1@');
}
