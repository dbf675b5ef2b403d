import type { BinaryType } from '../ws/frame';

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
