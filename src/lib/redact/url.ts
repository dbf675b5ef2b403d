import { holdsVariableReference } from '../compose/variables';
import { containsJwt, isCredentialParameter, isOpaqueToken, replaceJwts } from './credential-shapes';
import type { Findings } from './findings';
import { REDACTED } from './findings';

/**
 * Credentials in a URL: userinfo, the values of credential-named query and fragment parameters, and JWTs or opaque
 * tokens in any path segment, query value or fragment. The URL keeps every other character as it was typed (a
 * profile's URL holds `{{name}}` references, which `URL` would percent-encode in a path); a part that refers to a
 * variable is kept, since it carries no value.
 */

/** Values found in the URL shorter than this are not hunted for in texts: they would match ordinary words. */
const MIN_URL_SECRET_IN_TEXT = 6;

/** The pieces of `scheme://userinfo@host/path?query#fragment`, as typed. */
interface UrlParts {
  /** `scheme://` */
  head: string;
  userinfo: string | null;
  host: string;
  path: string;
  query: string | null;
  fragment: string | null;
}

/**
 * Splits where the URL standard does: the authority ends at the first `/`, `?`, `#` or `\`, and the userinfo at
 * the authority's LAST `@` (`wss://bob:p@ss@host/` has the password `p@ss`). Null for text without `scheme://`.
 */
function splitUrl(url: string): UrlParts | null {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd <= 0 || !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(url.slice(0, schemeEnd))) return null;
  const authorityStart = schemeEnd + 3;
  const authorityEnd = url.slice(authorityStart).search(/[/?#\\]/);
  const restStart = authorityEnd < 0 ? url.length : authorityStart + authorityEnd;
  const authority = url.slice(authorityStart, restStart);
  const at = authority.lastIndexOf('@');
  const rest = url.slice(restStart);
  const hash = rest.indexOf('#');
  const beforeHash = hash < 0 ? rest : rest.slice(0, hash);
  const question = beforeHash.indexOf('?');
  return {
    head: url.slice(0, authorityStart),
    userinfo: at < 0 ? null : authority.slice(0, at),
    host: authority.slice(at + 1),
    path: question < 0 ? beforeHash : beforeHash.slice(0, question),
    query: question < 0 ? null : beforeHash.slice(question + 1),
    fragment: hash < 0 ? null : rest.slice(hash + 1),
  };
}

function joinUrl(parts: UrlParts): string {
  return (
    parts.head +
    (parts.userinfo === null ? '' : `${parts.userinfo}@`) +
    parts.host +
    parts.path +
    (parts.query === null ? '' : `?${parts.query}`) +
    (parts.fragment === null ? '' : `#${parts.fragment}`)
  );
}

export interface RedactedUrl {
  url: string;
  /** The values taken out, in the forms worth searching for in texts (the URL may be quoted in a note). */
  secrets: string[];
}

/** The URL with its credentials replaced by REDACTED; what was replaced is added to `findings`, in words. */
export function redactUrl(url: string, findings: Findings): RedactedUrl {
  const parts = splitUrl(url);
  if (parts === null) return { url, secrets: [] };
  const secrets = new Set<string>();
  const keep = (value: string) => {
    for (const form of new Set([value, decode(value)])) {
      if (form.length >= MIN_URL_SECRET_IN_TEXT) secrets.add(form);
    }
  };

  if (parts.userinfo !== null && parts.userinfo !== '' && !holdsVariableReference(parts.userinfo)) {
    findings.add('url', 'the user name and password in the URL');
    const colon = parts.userinfo.indexOf(':');
    const user = colon < 0 ? parts.userinfo : parts.userinfo.slice(0, colon);
    const password = colon < 0 ? null : parts.userinfo.slice(colon + 1);
    // A user name alone is too ordinary a word to hunt down in texts, unless it is itself a token.
    if (containsJwt(user) || isOpaqueToken(decode(user))) keep(user);
    if (password !== null) keep(password);
    parts.userinfo = [user, password]
      .filter((part) => part !== null)
      .map((part) => (part === '' ? '' : REDACTED))
      .join(':');
  }

  parts.path = parts.path
    .split('/')
    .map((segment) => redactToken(segment, () => findings.add('url', 'a token in the URL path'), keep))
    .join('/');
  if (parts.query !== null) parts.query = redactParameters(parts.query, 'query parameter', findings, keep);
  if (parts.fragment !== null) {
    parts.fragment = parts.fragment.includes('=')
      ? redactParameters(parts.fragment, 'fragment parameter', findings, keep)
      : redactToken(parts.fragment, () => findings.add('url', 'a token in the URL fragment'), keep);
  }
  return { url: joinUrl(parts), secrets: [...secrets] };
}

/**
 * `name=value&…` with credential-named values replaced, and tokens in the other values. Rebuilt by hand rather
 * than through URLSearchParams, which would re-encode every other value.
 */
function redactParameters(
  text: string,
  what: string,
  findings: Findings,
  keep: (value: string) => void,
): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return redactToken(pair, () => findings.add('url', `a token in a ${what}`), keep);
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      const shownName = decode(name);
      if (value === '' || value === REDACTED || holdsVariableReference(value)) return pair;
      if (isCredentialParameter(shownName, decode(value))) {
        findings.add('url', `the value of ${what} “${shownName}”`);
        keep(value);
        return `${name}=${REDACTED}`;
      }
      const redacted = redactToken(
        value,
        () => findings.add('url', `a token in ${what} “${shownName}”`),
        keep,
      );
      return `${name}=${redacted}`;
    })
    .join('&');
}

/** A URL component with JWTs in it replaced, or REDACTED when it is an opaque token as a whole. */
function redactToken(component: string, found: () => void, keep: (value: string) => void): string {
  if (component === '' || holdsVariableReference(component)) return component;
  if (containsJwt(component)) {
    found();
    return replaceJwts(component, (jwt) => {
      keep(jwt);
      return REDACTED;
    });
  }
  if (!isOpaqueToken(decode(component))) return component;
  found();
  keep(component);
  return REDACTED;
}

/**
 * The URL without its userinfo, for a link that leaves the app: a link should not carry even a placeholder
 * password, which a browser would send. Cut from the text as typed, where the URL standard ends the userinfo (its
 * last `@`), so `{{name}}` references elsewhere survive; userinfo made of references is kept.
 */
export function withoutUserinfo(url: string): string {
  const parts = splitUrl(url);
  if (parts === null || parts.userinfo === null || holdsVariableReference(parts.userinfo)) return url;
  return joinUrl({ ...parts, userinfo: null });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
