/**
 * Where an unknown `{{name}}` can be defined, as the screen offers it beside the error. Variables fill in only
 * while a profile is in use: its own variables first, then the active environment's (environments.ts). So with a
 * profile in use the name can go into the profile or into the environment; with none, only into a new profile made
 * from the connection bar.
 */
export type DefinePlace =
  | { kind: 'profile'; id: string; name: string }
  | { kind: 'environment'; name: string }
  | { kind: 'new profile' };

export function placesToDefine(
  profileInUse: { id: string; name: string } | null,
  activeEnvironment: { name: string } | null,
): DefinePlace[] {
  if (profileInUse === null) return [{ kind: 'new profile' }];
  const places: DefinePlace[] = [{ kind: 'profile', ...profileInUse }];
  if (activeEnvironment !== null) places.push({ kind: 'environment', name: activeEnvironment.name });
  return places;
}

/** The button's words: `Define {{user}} in profile “Echo”`. */
export function defineLabel(variable: string, place: DefinePlace): string {
  const where =
    place.kind === 'new profile'
      ? 'a new profile'
      : `${place.kind === 'profile' ? 'profile' : 'environment'} “${place.name}”`;
  return `Define {{${variable}}} in ${where}`;
}
