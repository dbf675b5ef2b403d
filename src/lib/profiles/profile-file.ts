import type { MessageFormat } from '../compose/message';
import { MESSAGE_FORMATS } from '../compose/message';
import { isObject } from '../guards';
import type { BinaryType } from '../model/frame';
import { newId } from '../ids';
import type { Redaction } from '../redact/findings';
import { RedactionPlan } from '../redact/plan';
import { withoutUserinfo } from '../redact/url';
import type { Result } from '../result';
import type { Profile, ProfileVariable, SavedMessage } from './profile';
import { defaultMessageName, defaultProfileName, MAX_FOLDER_NAME } from './profile';
import { agentSettingsOf, readAgentSettings, redactAgentSettings } from './agent-settings';
import type { Environment, EnvironmentContent } from './environments';
import { environmentSecrets, exportEnvironments, readEnvironments } from './environment-file';
import { leavesOut, readVariables } from './variable-file';
import type { AutomationChecks } from './automation-file';
import { automationFields, readAutomation, redactAutomation, UNCHECKED } from './automation-file';

/** Profile files are settings, not recordings: anything bigger is not one. */
export const MAX_PROFILE_FILE_BYTES = 5 * 1024 * 1024;
/**
 * More profiles than this in one file is not someone's settings; each one stored re-sorts the list, so an
 * import must stay small. The same bound holds for each profile's variables and saved messages.
 */
export const MAX_IMPORTED_PROFILES = 1000;
export const MAX_IMPORTED_ITEMS = 1000;

type ProfileContent = Omit<Profile, 'id' | 'createdAt' | 'lastUsedAt'>;

export interface ProfilesFile {
  format: 'wsi-profiles';
  v: 1;
  exportedAt: string;
  /** Names of the variables whose values were left out: the secret ones, and those named like a credential. */
  redacted: string[];
  /** What else was replaced with REDACTED, by profile name, never the values. */
  redactions: { profile: string; where: Redaction['where']; what: string }[];
  profiles: ProfileContent[];
  /** The environments the profiles share. Optional: files from before environments have none. */
  environments?: EnvironmentContent[];
}

/**
 * Profiles as a JSON file. Unless secrets are asked for, secret variables keep their names but lose their
 * values, and each profile goes through the same redaction as a session export: credentials in its URL and
 * subprotocols, and its secret values or credential shapes in its saved messages and notes. `{{name}}` references
 * stay: they carry no value.
 */
export function exportProfiles(
  profiles: readonly Profile[],
  includeSecrets: boolean,
  now = new Date(),
  environments: readonly Environment[] = [],
): string {
  const shared = exportEnvironments(environments, includeSecrets);
  // An environment's secret typed literally into a profile's message is redacted there too.
  const sharedSecrets = environmentSecrets(environments);
  const redacted = new Set<string>(shared.leftOut);
  const redactions: ProfilesFile['redactions'] = [];
  const file: ProfilesFile = {
    format: 'wsi-profiles',
    v: 1,
    exportedAt: now.toISOString(),
    redacted: [],
    redactions,
    profiles: profiles.map((profile) => {
      const content = contentOf(profile);
      if (includeSecrets) return content;
      const redactedProfile = redactProfile(content, sharedSecrets);
      for (const name of redactedProfile.variablesLeftOut) redacted.add(name);
      for (const { where, what } of redactedProfile.redactions) {
        redactions.push({ profile: redactedProfile.profile.name, where, what });
      }
      return redactedProfile.profile;
    }),
  };
  if (environments.length > 0) file.environments = shared.environments;
  file.redacted = [...redacted].sort();
  return JSON.stringify(file, null, 2);
}

function contentOf(profile: Profile): ProfileContent {
  const { name, url, protocols, binaryType, variables, messages, notes, reconnect } = profile;
  return {
    name,
    url,
    protocols,
    binaryType,
    notes,
    reconnect,
    variables: variables.map((variable) => ({ ...variable })),
    messages: messages.map((message) => ({ ...message })),
    ...(profile.decodeAs === undefined ? {} : { decodeAs: profile.decodeAs }),
    ...(profile.folder ? { folder: profile.folder } : {}),
    ...agentSettingsOf(profile),
    ...automationFields(profile),
  };
}

function redactProfile(
  content: ProfileContent,
  sharedSecrets: readonly ProfileVariable[],
): {
  profile: ProfileContent;
  variablesLeftOut: string[];
  redactions: readonly Redaction[];
} {
  const secrets = content.variables.filter(leavesOut);
  const plan = RedactionPlan.for(
    content.url,
    splitProtocols(content.protocols),
    [],
    [...secrets, ...sharedSecrets],
  );
  const agent = redactAgentSettings(content, plan);
  const profile: ProfileContent = {
    ...content,
    ...agent.settings,
    ...redactAutomation(content, plan),
    name: plan.text(content.name),
    ...(content.folder === undefined ? {} : { folder: plan.text(content.folder) }),
    url: plan.url,
    protocols: redactedProtocols(content.protocols, plan),
    notes: plan.text(content.notes),
    variables: content.variables.map((variable) =>
      leavesOut(variable) ? { ...variable, value: '' } : { ...variable },
    ),
    messages: content.messages.map((message) => ({
      ...message,
      name: plan.text(message.name),
      body: plan.text(message.body),
    })),
  };
  const redactions = [...plan.redactions, ...agent.redactions];
  return { profile, variablesLeftOut: secrets.map((v) => v.name), redactions };
}

/**
 * `Decode as`: `auto`, `none` or a decoder's id (`socket-io`), which all look alike; anything else is left out, and
 * the profile decodes as Auto.
 */
function readDecodeAs(value: unknown): Pick<ProfileContent, 'decodeAs'> {
  return typeof value === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(value) ? { decodeAs: value } : {};
}

/** The Subprotocols field as typed: comma-separated. */
function splitProtocols(protocols: string): string[] {
  return protocols
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}

/** The field as typed when nothing in it was redacted, else the redacted subprotocols joined the usual way. */
function redactedProtocols(protocols: string, plan: RedactionPlan): string {
  const before = splitProtocols(protocols);
  return plan.protocols.every((protocol, i) => protocol === before[i])
    ? protocols
    : plan.protocols.join(', ');
}

export interface ImportedProfiles {
  profiles: ProfileContent[];
  /** Where they came from, for the message after the import. */
  source: 'WS Inspector' | 'Insomnia';
  /** Entries that were not profiles or were damaged, or past the most one file may bring, left out. */
  skipped: number;
  /**
   * Variables left out, by reason: a name `{{…}}` cannot refer to (it could never be used, and would collide in
   * the editor), or a name another variable of the same profile already has (the first one is kept).
   */
  droppedVariables: Record<string, number>;
  /** The environments of the file: none from Insomnia or a file from before environments. */
  environments: EnvironmentContent[];
}

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

function readBinaryType(value: unknown): BinaryType {
  return value === 'blob' ? 'blob' : 'arraybuffer';
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

/** Insomnia v4: `websocket_request` resources become profiles, `websocket_payload` their saved messages. */
function readInsomnia(list: unknown[]): Result<ImportedProfiles> {
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

/** What a profile link carries, in the fragment of the app's URL. */
export interface ProfileFragment {
  url: string;
  protocols: string;
  binaryType: BinaryType;
}

/**
 * A deep link that opens the app with this profile in the bar. Everything goes in the URL fragment, which
 * browsers never send to the server hosting the app (a query string lands in its logs). Variables travel as
 * `{{names}}`, never their values; credentials typed literally into the URL or subprotocols are redacted, and the
 * URL loses its userinfo altogether (a placeholder password would be sent by a browser).
 */
export function profileLink(
  profile: Pick<Profile, 'url' | 'protocols' | 'binaryType' | 'variables'>,
  appUrl: string,
): string {
  const secrets = profile.variables.filter(leavesOut);
  const plan = RedactionPlan.for(profile.url, splitProtocols(profile.protocols), [], secrets);
  const params = new URLSearchParams({ url: withoutUserinfo(plan.url) });
  const protocols = redactedProtocols(profile.protocols, plan);
  if (protocols.trim() !== '') params.set('protocols', protocols);
  params.set('binaryType', profile.binaryType);
  const link = new URL(appUrl);
  link.search = '';
  link.hash = params.toString();
  return link.href;
}

/**
 * Reads a profile link's fragment (`#url=…&protocols=…&binaryType=…`); undefined when the hash is not one. The
 * values are passed on as typed, to be checked like anything typed into the bar; an unknown binary type gives
 * the default. Opening such a link never connects.
 */
export function parseProfileFragment(hash: string): ProfileFragment | undefined {
  if (!hash.startsWith('#url=')) return undefined;
  const params = new URLSearchParams(hash.slice(1));
  return {
    url: params.get('url') ?? '',
    protocols: params.get('protocols') ?? '',
    binaryType: readBinaryType(params.get('binaryType')),
  };
}
