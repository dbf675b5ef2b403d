import { isObject } from '../guards';
import { containsJwt, isCredentialField } from '../redact/credential-shapes';
import type { ProfileVariable } from './profile';
import { checkVariableName } from './profile';

/** The most variables one profile or environment brings from a file. */
export const MAX_IMPORTED_VARIABLES = 1000;

/**
 * A variable whose value is left out of a file without secrets: one marked secret, or one that holds a credential
 * by its name or its shape, whatever the person ticked. Profiles and environments alike.
 */
export function leavesOut(variable: ProfileVariable): boolean {
  return variable.secret || isCredentialField(variable.name) || containsJwt(variable.value);
}

/** Well-formed variables with usable names, each name once; what is dropped is counted by reason. */
export function readVariables(value: unknown, dropped: Record<string, number>): ProfileVariable[] {
  const byName = new Map<string, ProfileVariable>();
  for (const entry of Array.isArray(value) ? value.slice(0, MAX_IMPORTED_VARIABLES) : []) {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'string') continue;
    const name = entry.name.trim();
    const reason =
      checkVariableName(name) !== null ? 'invalid name' : byName.has(name) ? 'duplicate name' : null;
    if (reason !== null) {
      dropped[reason] = (dropped[reason] ?? 0) + 1;
      continue;
    }
    byName.set(name, { name, value: entry.value, secret: entry.secret === true });
  }
  return [...byName.values()];
}
