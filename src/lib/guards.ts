/**
 * Checks for values parsed from files, links and storage, where nothing can be trusted to have the shape it
 * claims. Generic: they know no format.
 */

/** A plain JSON object (not an array, not null): its fields still have to be checked one by one. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string with something in it, or undefined. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The strings of an array, or none: other items are dropped. */
export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
