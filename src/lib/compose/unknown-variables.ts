import { BUILT_INS_NAMED, UNKNOWN_VARIABLE, VARIABLE } from './variables';

/**
 * The names an "Unknown variable" error of expandVariables names, wherever it sits in a longer message, leaving out
 * `$` names (no person can define those); none for any other text. The screen offers to define them. A module of
 * its own: it loads with that offer, after the first screen.
 */
export function unknownVariablesIn(message: string): string[] {
  const start = message.indexOf(UNKNOWN_VARIABLE);
  if (start === -1) return [];
  const listed = message.slice(start + UNKNOWN_VARIABLE.length).split(BUILT_INS_NAMED)[0] ?? '';
  return [...listed.matchAll(VARIABLE)].flatMap(([, name]) => (name && !name.startsWith('$') ? [name] : []));
}
