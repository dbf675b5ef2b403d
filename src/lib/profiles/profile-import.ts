/** Reads a profiles file, ours or an Insomnia v4 export, into profiles to store; a damaged one is refused. */
import type { MessageFormat } from '../compose/message';
import { MESSAGE_FORMATS } from '../compose/message';
import { isObject } from '../guards';
import { newId } from '../ids';
import type { Result } from '../result';
import type { SavedMessage } from './profile';
import { defaultMessageName, MAX_FOLDER_NAME } from './profile';
import { readAgentSettings } from './agent-settings';
import { readEnvironments } from './environment-file';
import { readVariables } from './variable-file';
import type { AutomationChecks } from './automation-file';
import { readAutomation, UNCHECKED } from './automation-file';
import { readBinaryType } from './connection-fields';
import { readInsomnia } from './insomnia-import';
import type { ImportedProfiles, ProfileContent } from './profile-file';
import { MAX_IMPORTED_ITEMS, MAX_IMPORTED_PROFILES, MAX_PROFILE_FILE_BYTES } from './profile-file';

/**
 * Reads our own profile file or an Insomnia v4 export; a file that is neither is refused with a reason. Saved
 * messages get ids of their own: ids from a file may repeat, and the editor keys its list by them. A profile's
 * auto-replies and scenario are checked with `checks` (lib/automation's); one that cannot be used refuses the
 * file, naming the profile. Never throws.
 */
export function importProfiles(text: string, checks: AutomationChecks = UNCHECKED): Result<ImportedProfiles> {
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
  if (data.format === 'wsi-profiles') return readOwnFile(data, checks);
  if (data._type === 'export' && Array.isArray(data.resources)) return readInsomnia(data.resources);
  return { ok: false, error: 'Not a WS Inspector profiles file or an Insomnia v4 export.' };
}

function readOwnFile(data: Record<string, unknown>, checks: AutomationChecks): Result<ImportedProfiles> {
  if (typeof data.v !== 'number' || data.v > 1) {
    return { ok: false, error: `This file is version ${String(data.v)}; this WS Inspector reads version 1.` };
  }
  if (!Array.isArray(data.profiles)) return { ok: false, error: 'This file has no list of profiles.' };
  const imported: ImportedProfiles = {
    profiles: [],
    source: 'WS Inspector',
    skipped: 0,
    droppedVariables: {},
    environments: [],
  };
  for (const entry of data.profiles) {
    const profile = imported.profiles.length < MAX_IMPORTED_PROFILES ? readProfile(entry, imported) : null;
    if (profile === null || !isObject(entry)) {
      imported.skipped++;
      continue;
    }
    // Refused rather than skipped: the rule would otherwise fail only once its connection needed it.
    const automation = readAutomation(entry, checks);
    if (!automation.ok) return { ok: false, error: `Profile “${profile.name}”, ${automation.error}` };
    imported.profiles.push({ ...profile, ...automation.value });
  }
  imported.environments = readEnvironments(data.environments, imported.droppedVariables);
  return { ok: true, value: imported };
}

function readProfile(entry: unknown, imported: ImportedProfiles): ProfileContent | null {
  if (!isObject(entry) || typeof entry.url !== 'string' || typeof entry.name !== 'string') return null;
  return {
    name: entry.name.slice(0, 200),
    url: entry.url,
    protocols: typeof entry.protocols === 'string' ? entry.protocols : '',
    binaryType: readBinaryType(entry.binaryType),
    variables: readVariables(entry.variables, imported.droppedVariables),
    messages: listOf(entry.messages).flatMap(readMessage),
    notes: typeof entry.notes === 'string' ? entry.notes : '',
    reconnect: entry.reconnect === true,
    ...readDecodeAs(entry.decodeAs),
    ...readFolder(entry.folder),
    ...readAgentSettings(entry),
  };
}

/** A folder to group the profile under, trimmed; an empty or non-text one is none. */
function readFolder(value: unknown): Pick<ProfileContent, 'folder'> {
  const folder = typeof value === 'string' ? value.trim().slice(0, MAX_FOLDER_NAME) : '';
  return folder === '' ? {} : { folder };
}

/** The first items of an array field, or none. */
function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value.slice(0, MAX_IMPORTED_ITEMS) : [];
}

function readMessage(entry: unknown): SavedMessage[] {
  if (!isObject(entry) || typeof entry.body !== 'string') return [];
  const format = MESSAGE_FORMATS.includes(entry.format as MessageFormat)
    ? (entry.format as MessageFormat)
    : 'text';
  const name = typeof entry.name === 'string' ? entry.name : defaultMessageName(entry.body);
  return [{ id: newId(), name, format, body: entry.body, sendOnOpen: entry.sendOnOpen === true }];
}

/**
 * `Decode as`: `auto`, `none` or a decoder's id (`socket-io`), which all look alike; anything else is left out, and
 * the profile decodes as Auto.
 */
function readDecodeAs(value: unknown): Pick<ProfileContent, 'decodeAs'> {
  return typeof value === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(value) ? { decodeAs: value } : {};
}
