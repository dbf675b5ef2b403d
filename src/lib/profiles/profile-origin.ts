import { expandVariables, randomUuid } from '../compose/variables';

/**
 * Whether a profile's secrets and messages may go to the URL in the bar: only to the profile's own origin
 * (scheme, host and port), with its variables filled in. Typing another server into the bar must not send it the
 * profile's login message or tokens (security review, M2).
 */
export function sameOriginAsProfile(
  barUrl: string,
  profileUrl: string,
  values: Readonly<Record<string, string>>,
): boolean {
  const bar = originOf(barUrl, values);
  return bar !== null && bar === originOf(profileUrl, values);
}

function originOf(template: string, values: Readonly<Record<string, string>>): string | null {
  const expanded = expandVariables(template, { values, seq: 1, now: Date.now, uuid: randomUuid });
  if (!expanded.ok || !URL.canParse(expanded.value)) return null;
  const url = new URL(expanded.value);
  // ws: and wss: URLs have an opaque origin ("null"): build it from the parts instead.
  return `${url.protocol}//${url.host}`;
}
