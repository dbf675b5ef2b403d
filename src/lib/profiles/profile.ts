import type { MessageFormat } from '../compose/message';
import { VARIABLE_NAME } from '../compose/variables';
import { hostAndPath } from '../display/url-name';
import type { BinaryType } from '../model/frame';

/** A value `{{name}}` stands for in the URL, subprotocols and messages while the profile is in use. */
export interface ProfileVariable {
  name: string;
  value: string;
  /** Masked on screen, and left out of exports and links unless the person asks for them. */
  secret: boolean;
}

/** A message kept with a profile, to send in one click, or by itself when the connection opens. */
export interface SavedMessage {
  id: string;
  name: string;
  format: MessageFormat;
  /** As typed: its {{variables}} are filled in when it is sent. */
  body: string;
  /** Sent, in list order, as soon as the connection opens: a login or a subscribe a server expects first. */
  sendOnOpen: boolean;
}

/** A saved connection: what the connection bar holds, under a name. */
export interface Profile {
  id: string;
  name: string;
  url: string;
  /** As typed in the Subprotocols field: comma-separated, in order of preference. */
  protocols: string;
  binaryType: BinaryType;
  /** A folder the Profiles list groups it under; none when missing or empty (profiles older than folders). */
  folder?: string;
  /** The `Decode as` choice: `auto`, `none` or a decoder's id. Optional: profiles older than decoding. */
  decodeAs?: string;
  createdAt: number;
  /** When it was last loaded into the bar or connected with; the list sorts by it. */
  lastUsedAt: number;
  variables: ProfileVariable[];
  messages: SavedMessage[];
  notes: string;
  /** Connect again, with growing pauses, when the server or the network ends the connection. */
  reconnect: boolean;
  /** Open the connection through the local agent (docs/agent.md). Optional: profiles older than the agent. */
  throughAgent?: boolean;
  /**
   * Sent with the handshake through the agent, as typed: one `Name: value` per line. Values keep their
   * `{{variables}}` (a secret stays a template here, so exports and links never hold its value).
   */
  headers?: string;
  /** TLS through the agent: an extra CA to trust, the one host whose certificate is not checked, mTLS. */
  tls?: ProfileTls;
  /** A protocol ping through the agent every N seconds; 0 for never. */
  pingEverySeconds?: number;
  /** The auto-replies kept with the profile. Optional: profiles older than automation have none. */
  rules?: ProfileRule[];
  /** The Scenario box's text, kept only while it is a valid scenario. Optional, as `rules`. */
  scenario?: string;
}

/**
 * An auto-reply as the Auto-replies region holds it: the When box as typed (text, /regex/ or `field op value`), the
 * reply sent as a text frame (its `{{variables}}` filled in when sent), and its limits.
 */
export interface ProfileRule {
  when: string;
  reply: string;
  delayMs?: number;
  maxTimes?: number;
}

export interface ProfileTls {
  ca?: string;
  insecureHost?: string;
  /** A client certificate and its key, PEM (mTLS). The key is a secret: masked, and left out of exports. */
  cert?: string;
  key?: string;
}

/** The longest folder name: a label in a list, not a path. */
export const MAX_FOLDER_NAME = 100;

/** Profiles stored before a field existed get its default. */
export function normalizeProfile(
  stored: Omit<Profile, 'variables' | 'messages' | 'notes' | 'reconnect'> & Partial<Profile>,
): Profile {
  // The agent's fields (throughAgent, headers, tls, pingEverySeconds) and automation (rules, scenario) are optional
  // and kept as stored.
  return {
    ...stored,
    variables: stored.variables ?? [],
    messages: stored.messages ?? [],
    notes: stored.notes ?? '',
    reconnect: stored.reconnect ?? false,
  };
}

/** A name for a saved message: its first line, cut short. */
export function defaultMessageName(body: string): string {
  const firstLine = body.trim().split('\n')[0] ?? '';
  return firstLine.length > 40 ? `${firstLine.slice(0, 39)}…` : firstLine || 'Empty message';
}

/** The list with item `index` moved by `delta` places, clamped to the ends. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = Math.min(items.length - 1, Math.max(0, index + delta));
  const moved = [...items];
  const [item] = moved.splice(index, 1);
  if (item !== undefined) moved.splice(target, 0, item);
  return moved;
}

/**
 * The values of a profile's variables by name; rows without a name are ignored, and of two rows with one name
 * the first counts (as the importer keeps it). The map has no prototype: a name like "constructor" or
 * "__proto__" finds only a variable of that name, never something every object inherits.
 */
export function variableValues(variables: readonly ProfileVariable[]): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  for (const variable of variables) {
    const name = variable.name.trim();
    if (name !== '' && !Object.hasOwn(values, name)) values[name] = variable.value;
  }
  return values;
}

/** Why a variable name cannot be used, or null when it can. */
export function checkVariableName(name: string): string | null {
  if (VARIABLE_NAME.test(name)) return null;
  return `“${name}” cannot be a variable name: start with a letter or _, then letters, digits, _, . or -.`;
}

/** A name people recognise: the host and path of the URL, or the URL as typed when it does not parse. */
export function defaultProfileName(url: string): string {
  return hostAndPath(url) ?? (url.trim() || 'Untitled');
}

/** Most recently used first; ties by name. */
export function sortProfiles(profiles: readonly Profile[]): Profile[] {
  return [...profiles].sort((a, b) => b.lastUsedAt - a.lastUsedAt || a.name.localeCompare(b.name));
}

/** Case-insensitive search over name, URL, subprotocols and folder; every word must match somewhere. */
export function matchesSearch(profile: Profile, query: string): boolean {
  const haystack =
    `${profile.name}\n${profile.url}\n${profile.protocols}\n${profile.folder ?? ''}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
