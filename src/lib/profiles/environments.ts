import type { ProfileVariable } from './profile';
import { variableValues } from './profile';

/** A named set of variables (`dev`, `staging`, `prod`) that every profile can use; one is active at a time. */
export interface Environment {
  id: string;
  name: string;
  variables: ProfileVariable[];
  createdAt: number;
}

/** What a profiles file carries of an environment: no id, which only means something in one browser. */
export type EnvironmentContent = Pick<Environment, 'name' | 'variables'>;

export const MAX_ENVIRONMENT_NAME = 60;

/**
 * The values `{{name}}` stands for with a profile in use under an environment, and the secrets among them. The
 * profile's own variables win over the environment's: a profile that pins a value keeps it in every environment.
 * An environment's secret that the profile overrides is not used, so it is not listed.
 */
export function resolveVariables(
  profile: readonly ProfileVariable[],
  environment: readonly ProfileVariable[],
): { values: Record<string, string>; secrets: { name: string; value: string }[] } {
  const own = variableValues(profile);
  const values = variableValues([...profile, ...environment]);
  const secrets = [
    ...profile.filter((v) => v.secret),
    ...environment.filter((v) => v.secret && !Object.hasOwn(own, v.name.trim())),
  ].map(({ name, value }) => ({ name: name.trim(), value }));
  return { values, secrets };
}

/** Why a name cannot be an environment's, or null when it can: names are what the combobox shows, so unique. */
export function checkEnvironmentName(
  name: string,
  others: readonly Pick<Environment, 'id' | 'name'>[],
  selfId?: string,
): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'An environment needs a name.';
  if (trimmed.length > MAX_ENVIRONMENT_NAME)
    return `An environment's name has at most ${MAX_ENVIRONMENT_NAME} characters.`;
  const taken = others.some((e) => e.id !== selfId && e.name.toLowerCase() === trimmed.toLowerCase());
  return taken ? `There is already an environment named “${trimmed}”.` : null;
}

/** By name, as the combobox lists them. */
export function sortEnvironments(environments: readonly Environment[]): Environment[] {
  return [...environments].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * An imported environment beside the stored one of the same name: it gains the variables it lacks, and keeps the
 * values it has (an import changes nothing stored, and a file without secrets holds empty values for them).
 */
export function mergeEnvironment(
  stored: readonly ProfileVariable[],
  imported: readonly ProfileVariable[],
): ProfileVariable[] {
  const names = new Set(stored.map((v) => v.name));
  return [...stored, ...imported.filter((v) => !names.has(v.name))].map((v) => ({ ...v }));
}
