import { parseBase64 } from '../encoding/base64';
import { holdsVariableReference } from '../compose/variables';
import { isCredentialField, mayNameCredential, replaceJwts } from './credential-shapes';
import { Findings, REDACTED } from './findings';
import { redactUrl } from './url';

/**
 * Credentials a text shows by their shape, whoever's they are: URLs with credentials, JWTs, `Basic` and `Bearer`
 * credentials, and the values of credential-named JSON fields or `name=value` pairs. A free-standing opaque token
 * is left alone in texts: it cannot be told from the ids and digests messages are full of.
 */

const URL_IN_TEXT = /\b(?:wss?|https?):\/\/[^\s"'<>\\`]+/gi;
/**
 * Patterns here repeat with `+` (safe on runs of any length) or within small bounds: V8 throws "Maximum call
 * stack size exceeded" for `{8,}` over a few million characters, and backtracking over a long unbounded run
 * costs time in proportion to it wherever the pattern starts. Lengths are checked after matching instead.
 */
/** An HTTP Basic credential: base64 of `user:password`, checked once decoded. */
const BASIC = /\b(Basic\s{1,8})([A-Za-z0-9+/=]+)/gi;
const MAX_BASIC_CREDENTIAL = 1024;
/** RFC 6750's b64token, at least 8 characters. */
const BEARER = /\b(Bearer\s{1,8})([A-Za-z0-9._~+/=-]+)/gi;
const MIN_BEARER_TOKEN = 8;
/**
 * `"name": "value"` in JSON, a name of at most 64 characters and a value of at most 4,096 (credentials are
 * shorter; a JWT in a longer value is still found as a JWT); strings may not span lines.
 */
const JSON_FIELD = /("((?:[^"\\\n]|\\.){1,64})"[ \t]{0,8}:[ \t]{0,8}")((?:[^"\\\n]|\\.){0,4096})"/g;
/** `name=value` in a form body or a header-like line. */
const FORM_PAIR = /(?<![\w.-])([A-Za-z_][\w.-]{0,63}=)([^&\s"',;]+)/g;

/** The text with every credential it shows by shape replaced; what was replaced is added to `findings`. */
export function redactCredentialShapes(text: string, findings: Findings): string {
  let result = text;
  if (result.includes('://')) {
    result = result.replace(URL_IN_TEXT, (url) => {
      const redacted = redactUrl(url, new Findings()).url;
      if (redacted !== url) findings.add('text', 'a credential in a URL in a text');
      return redacted;
    });
  }
  result = replaceJwts(result, () => {
    findings.add('text', 'a JWT in a text');
    return REDACTED;
  });
  result = result.replace(BASIC, (whole, scheme: string, credential: string) => {
    if (!isBasicCredential(credential)) return whole;
    findings.add('text', 'a Basic credential (user and password) in a text');
    return `${scheme}${REDACTED}`;
  });
  result = result.replace(BEARER, (whole, scheme: string, token: string) => {
    if (!isBearerToken(token)) return whole;
    findings.add('text', 'a Bearer token in a text');
    return `${scheme}${REDACTED}`;
  });
  // One cheap test tells whether any field's name can be a credential's: most texts then skip both searches.
  const mayHoldCredentialField = mayNameCredential(result);
  if (mayHoldCredentialField && result.includes('"')) {
    result = result.replace(JSON_FIELD, (whole, start: string, name: string, value: string) => {
      if (!isRedactable(value) || !isCredentialField(name)) return whole;
      findings.add('text', 'the value of a credential-named JSON field in a text');
      return `${start}${REDACTED}"`;
    });
  }
  if (mayHoldCredentialField && result.includes('=')) {
    result = result.replace(FORM_PAIR, (whole, start: string, value: string) => {
      if (!isRedactable(value) || !isCredentialField(start.slice(0, -1))) return whole;
      findings.add('text', 'the value of a credential-named name=value pair in a text');
      return `${start}${REDACTED}`;
    });
  }
  return result;
}

export function isRedactable(value: string): boolean {
  return value !== '' && value !== REDACTED && !holdsVariableReference(value);
}

/** "Basic" is an English word: only what decodes to printable `user:password` is a credential. */
function isBasicCredential(credential: string): boolean {
  if (credential.length < 4 || credential.length > MAX_BASIC_CREDENTIAL) return false;
  const bytes = parseBase64(credential);
  if (!bytes.ok) return false;
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes.value);
  if (!decoded.includes(':')) return false;
  for (const char of decoded) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || code === 0xfffd) return false;
  }
  return true;
}

/**
 * "Bearer" is an English word too ("the bearer of bad news"): a token has a digit or a symbol, or is long.
 * The placeholder itself is never a token.
 */
function isBearerToken(token: string): boolean {
  if (token.length < MIN_BEARER_TOKEN || token === REDACTED) return false;
  return /[\d._~+/=-]/.test(token) || token.length >= 20;
}
