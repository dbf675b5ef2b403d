/** The profiles file: its format, the bounds on what one may bring, and what reading one gives. */
import type { Redaction } from '../redact/findings';
import type { Profile } from './profile';
import type { EnvironmentContent } from './environments';

/** Profile files are settings, not recordings: anything bigger is not one. */
export const MAX_PROFILE_FILE_BYTES = 5 * 1024 * 1024;
/**
 * More profiles than this in one file is not someone's settings; each one stored re-sorts the list, so an
 * import must stay small. The same bound holds for each profile's variables and saved messages.
 */
export const MAX_IMPORTED_PROFILES = 1000;
export const MAX_IMPORTED_ITEMS = 1000;

/** A profile as a file carries it: without the ids and times that belong to the browser that stored it. */
export type ProfileContent = Omit<Profile, 'id' | 'createdAt' | 'lastUsedAt'>;

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
