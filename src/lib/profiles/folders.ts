import type { Profile } from './profile';

/** Profiles under one folder; `folder` is '' for those in none. */
export interface FolderGroup {
  folder: string;
  profiles: Profile[];
}

/**
 * The list grouped by folder, each group keeping the list's order: folders by name (ignoring case), then the
 * profiles in no folder. Folder names are compared trimmed, so `team ` and `team` are one folder.
 */
export function groupByFolder(profiles: readonly Profile[]): FolderGroup[] {
  const groups = new Map<string, Profile[]>();
  for (const profile of profiles) {
    const folder = profile.folder?.trim() ?? '';
    const group = groups.get(folder);
    if (group) group.push(profile);
    else groups.set(folder, [profile]);
  }
  return [...groups.entries()]
    .map(([folder, list]) => ({ folder, profiles: list }))
    .sort((a, b) =>
      (a.folder === '') !== (b.folder === '')
        ? a.folder === ''
          ? 1
          : -1
        : a.folder.localeCompare(b.folder, undefined, { sensitivity: 'base' }),
    );
}

/** The folder names in use, for the settings' suggestions. */
export function folderNames(profiles: readonly Profile[]): string[] {
  const names = new Set(profiles.map((p) => p.folder?.trim() ?? '').filter((name) => name !== ''));
  return [...names].sort((a, b) => a.localeCompare(b));
}
