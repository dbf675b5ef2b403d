/**
 * Trusted Types for the scripts the app starts itself. The page runs under `require-trusted-types-for 'script'`
 * (scripts/security-policy.js), so `new Worker(url)` and `navigator.serviceWorker.register(url)` accept only a
 * TrustedScriptURL. This is the one place that makes them, and it makes them only for the URLs the app was built
 * with: code that found a way to run here still cannot start a worker from a URL of its choosing.
 */

/** The name the policy is created under; the CSP's `trusted-types` directive lists it. */
export const SCRIPT_URL_POLICY = 'wsi-script-url';

/** What we use of the browser's Trusted Types API (TypeScript's DOM types do not describe it yet). */
export interface TrustedTypesLike {
  createPolicy(
    name: string,
    rules: { createScriptURL: (input: string) => string },
  ): {
    createScriptURL(input: string): unknown;
  };
}

/**
 * Hands a script URL to a sink: a TrustedScriptURL where the browser has Trusted Types, the URL itself where it
 * has not (Firefox ESR before Trusted Types). Typed as a string because that is what the sinks' TypeScript types
 * accept; the value is only ever passed straight to `new Worker` or `register`.
 */
export type ScriptUrlMaker = (url: string) => string;

/**
 * Creates the `wsi-script-url` policy, once per page: the CSP allows no duplicate, so a second call (or anyone
 * else's attempt to take the name) throws. `allowed` are the app's own worker URLs, resolved against `base` (the
 * page's address); any other URL throws, with or without Trusted Types, so both kinds of browser behave alike.
 */
export function createScriptUrlPolicy(
  allowed: readonly string[],
  base: string,
  trustedTypes: TrustedTypesLike | undefined = (globalThis as { trustedTypes?: TrustedTypesLike })
    .trustedTypes,
): ScriptUrlMaker {
  // Resolved, so another spelling of an allowed URL is the same URL, and one on another origin never matches.
  const permitted = new Set(allowed.map((url) => new URL(url, base).href));
  const check = (input: string): string => {
    if (!permitted.has(new URL(input, base).href))
      throw new TypeError(`Not one of the app's scripts: ${input}`);
    return input;
  };
  if (trustedTypes === undefined) return check;
  const policy = trustedTypes.createPolicy(SCRIPT_URL_POLICY, { createScriptURL: check });
  // The sinks take a TrustedScriptURL where TypeScript says string: see ScriptUrlMaker.
  return (url) => policy.createScriptURL(url) as string;
}
