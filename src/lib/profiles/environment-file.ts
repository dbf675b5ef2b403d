import { isObject } from '../guards';
import type { Environment, EnvironmentContent } from './environments';
import { checkEnvironmentName, MAX_ENVIRONMENT_NAME } from './environments';
import { leavesOut, readVariables } from './variable-file';

/** More environments than this in one file is not someone's settings. */
export const MAX_IMPORTED_ENVIRONMENTS = 100;

/**
 * Environments as a profiles file carries them. Unless secrets are asked for, a secret variable (or one named or
 * shaped like a credential) keeps its name and loses its value, as a profile's does; the names left out are listed.
 */
export function exportEnvironments(
  environments: readonly Environment[],
  includeSecrets: boolean,
): { environments: EnvironmentContent[]; leftOut: string[] } {
  const leftOut = new Set<string>();
  const content = environments.map(({ name, variables }) => ({
    name,
    variables: variables.map((variable) => {
      if (includeSecrets || !leavesOut(variable)) return { ...variable };
      leftOut.add(variable.name);
      return { ...variable, value: '' };
    }),
  }));
  return { environments: content, leftOut: [...leftOut] };
}

/** The secret values of environments, for redacting them wherever else they appear in an export. */
export function environmentSecrets(environments: readonly Environment[]): Environment['variables'] {
  return environments.flatMap((environment) => environment.variables.filter(leavesOut));
}

/**
 * A file's environments: well-formed ones with a usable name, each name once (the first kept). A file from before
 * environments has none, which is no error.
 */
export function readEnvironments(value: unknown, dropped: Record<string, number>): EnvironmentContent[] {
  const read: EnvironmentContent[] = [];
  for (const entry of Array.isArray(value) ? value.slice(0, MAX_IMPORTED_ENVIRONMENTS) : []) {
    if (!isObject(entry) || typeof entry.name !== 'string') continue;
    const name = entry.name.trim().slice(0, MAX_ENVIRONMENT_NAME);
    const others = read.map((environment, i) => ({ id: String(i), name: environment.name }));
    if (checkEnvironmentName(name, others) !== null) continue;
    read.push({ name, variables: readVariables(entry.variables, dropped) });
  }
  return read;
}
