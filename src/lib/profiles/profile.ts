import type { BinaryType } from '../ws/frame';

/** A value `{{name}}` stands for in the URL, subprotocols and messages while the profile is in use. */
export interface ProfileVariable {
  name: string;
  value: string;
  /** Masked on screen (and, once exports exist, left out of them unless asked). */
  secret: boolean;
}

/** A saved connection: what the connection bar holds, under a name. */
export interface Profile {
  id: string;
  name: string;
  url: string;
  /** As typed in the Subprotocols field: comma-separated, in order of preference. */
  protocols: string;
  binaryType: BinaryType;
  createdAt: number;
  /** When it was last loaded into the bar or connected with; the list sorts by it. */
  lastUsedAt: number;
  variables: ProfileVariable[];
}

/** Profiles stored before a field existed get its default. */
export function normalizeProfile(stored: Omit<Profile, 'variables'> & Partial<Profile>): Profile {
  return { ...stored, variables: stored.variables ?? [] };
}

/** The values of a profile's variables by name; rows without a name are ignored. */
export function variableValues(variables: readonly ProfileVariable[]): Record<string, string> {
  return Object.fromEntries(
    variables.filter((v) => v.name.trim() !== '').map((v) => [v.name.trim(), v.value]),
  );
}

const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;

/** Why a variable name cannot be used, or null when it can. */
export function checkVariableName(name: string): string | null {
  if (VARIABLE_NAME.test(name)) return null;
  return `“${name}” cannot be a variable name: start with a letter or _, then letters, digits, _, . or -.`;
}

/** A name people recognise: the host and path of the URL, or the URL as typed when it does not parse. */
export function defaultProfileName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url.trim() || 'Untitled';
  }
}

/** Most recently used first; ties by name. */
export function sortProfiles(profiles: readonly Profile[]): Profile[] {
  return [...profiles].sort((a, b) => b.lastUsedAt - a.lastUsedAt || a.name.localeCompare(b.name));
}

/** Case-insensitive search over name, URL and subprotocols; every word must match somewhere. */
export function matchesSearch(profile: Profile, query: string): boolean {
  const haystack = `${profile.name}\n${profile.url}\n${profile.protocols}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
