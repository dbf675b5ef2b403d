/**
 * What a credential looks like: the names of fields that hold one, and values that are one whatever their name
 * (a JWT, a long opaque token). Used on URLs, subprotocols and texts.
 */

/** Words that, ending a field's name, say it holds a credential in a message body as well as in a URL. */
const CREDENTIAL_WORDS = [
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passcode',
  'passphrase',
  'auth',
  'authorization',
  'signature',
  'jwt',
  'bearer',
  'credential',
  'credentials',
  'ticket',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'signingkey',
  'authkey',
  'sessionid',
  'sessionkey',
  'hmac',
];
/**
 * Words that name a credential in a query string, where the security rules list them, but that are ordinary field
 * names in message bodies: `{"key":"ArrowUp"}`, `{"code":"NOT_FOUND"}`, `{"session":"morning"}`.
 */
const URL_ONLY_CREDENTIAL_WORDS = ['key', 'code', 'session', 'sid', 'sig', 'pin', 'otp'];

const IN_TEXTS = new Set(CREDENTIAL_WORDS);
const IN_URLS = new Set([...CREDENTIAL_WORDS, ...URL_ONLY_CREDENTIAL_WORDS]);

/** A name cut into lower-case words at separators and camelCase boundaries: "X-Amz-Security-Token", "apiKey". */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/**
 * Whether a field's name says it holds a credential: its last word is a credential word (`authToken`, `pass`,
 * `X-Amz-Security-Token`), or its last two words are (`session_id`, `api-key` as "apikey").
 */
function namesCredential(name: string, words: ReadonlySet<string>): boolean {
  const parts = nameWords(name);
  const last = parts.at(-1);
  if (last === undefined) return false;
  return words.has(last) || words.has(parts.slice(-2).join(''));
}

/** A query (or fragment) parameter whose value is a credential by its name. */
export function isCredentialParameter(name: string): boolean {
  return namesCredential(name, IN_URLS);
}

/** A JSON field or `name=value` pair in a text whose value is a credential by its name. */
export function isCredentialField(name: string): boolean {
  return namesCredential(name, IN_TEXTS);
}

/** A JWT (three base64url parts, the first a JSON object) or a JWE (five). Global: use with replace/matchAll. */
export const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*(?:\.[\w-]*\.[\w-]*)?/g;

export function containsJwt(text: string): boolean {
  JWT.lastIndex = 0;
  return JWT.test(text);
}

const TOKEN_CHARACTERS = /^[A-Za-z0-9_~+/=.-]{20,}$/;
/** The parts of a token between separators; a slug or a UUID has only short ones. */
const TOKEN_SEPARATORS = /[-_.~]/;
const LONGEST_RANDOM_PART = 16;

/**
 * A long value that looks random: 20 or more token characters with a run of at least 16 between separators that
 * mixes letters and digits. A slug (`market-data-eu-west-1`) or a UUID has no such run, so ids in paths survive;
 * an API key, a session token or a hex digest does not.
 */
export function isOpaqueToken(value: string): boolean {
  if (!TOKEN_CHARACTERS.test(value)) return false;
  return value
    .split(TOKEN_SEPARATORS)
    .some((part) => part.length >= LONGEST_RANDOM_PART && /\d/.test(part) && /[A-Za-z]/.test(part));
}

/** A subprotocol whose leading segments name a credential carries it in its last segment (Kubernetes style). */
const CREDENTIAL_WORD = /bearer|token|auth|secret|password|jwt|api[_-]?key/i;

/** The part of a subprotocol that is a credential, or null when it looks like an ordinary protocol name. */
export function secretPartOfProtocol(protocol: string): string | null {
  JWT.lastIndex = 0;
  const jwt = JWT.exec(protocol);
  if (jwt) return jwt[0];
  const lastDot = protocol.lastIndexOf('.');
  if (lastDot > 0 && lastDot < protocol.length - 1 && CREDENTIAL_WORD.test(protocol.slice(0, lastDot))) {
    return protocol.slice(lastDot + 1);
  }
  return isOpaqueToken(protocol) ? protocol : null;
}
