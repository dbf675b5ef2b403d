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
const MAX_NAME_LENGTH = 128;
const IN_URLS = new Set([...CREDENTIAL_WORDS, ...URL_ONLY_CREDENTIAL_WORDS]);

/**
 * A credential word in any case, with anything but letters and digits allowed between its letters: where a name
 * that namesCredential() accepts must have one (its last word, or its last two words joined, is such a word, and
 * the words of a name are runs of its letters and digits). Cheap to test, so texts without one skip the search
 * for credential-named fields, and names without one skip being cut into words.
 */
const CREDENTIAL_WORD_ANYWHERE = new RegExp(
  CREDENTIAL_WORDS.map((word) => [...word].join('[^A-Za-z0-9]*')).join('|'),
  'i',
);

/** False only when no JSON field or `name=value` pair in the text can be credential-named (see isCredentialField). */
export function mayNameCredential(text: string): boolean {
  return CREDENTIAL_WORD_ANYWHERE.test(text);
}

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
  // Splitting camelCase takes quadratic time on a long run of capitals; no credential has a name this long.
  if (name.length > MAX_NAME_LENGTH) return false;
  if (words === IN_TEXTS && !mayNameCredential(name)) return false;
  const parts = nameWords(name);
  const last = parts.at(-1);
  if (last === undefined) return false;
  return words.has(last) || words.has(parts.slice(-2).join(''));
}

/**
 * `code` names a status as often as a secret: `/close?code=4001` is a close code, an OAuth code is long. A code
 * of a few digits is a status. (Only `code`: a `pin` of a few digits is exactly the secret.)
 */
const STATUS_CODE = /^\d{1,5}$/;

/** A query (or fragment) parameter whose value (as decoded) is a credential by its name. */
export function isCredentialParameter(name: string, value: string): boolean {
  if (!namesCredential(name, IN_URLS)) return false;
  return !(nameWords(name).at(-1) === 'code' && STATUS_CODE.test(value));
}

/** A JSON field or `name=value` pair in a text whose value is a credential by its name. */
export function isCredentialField(name: string): boolean {
  return namesCredential(name, IN_TEXTS);
}

/**
 * Runs of base64url characters and dots: where a JWT can be. A single class repeated with `+` and nothing after
 * it is safe on runs of any length; a pattern for the JWT itself takes quadratic time on a long run such as
 * "eyJeyJeyJ…", and V8 throws "Maximum call stack size exceeded" for `{20,}` over a few million characters.
 */
const DOTTED_RUN = /[\w.-]+/g;
/** header ("eyJ" and 8), payload (8) and two dots. */
const MIN_JWT_LENGTH = 21;
const MIN_JWT_PART = 8;

/**
 * Where the JWT in a run starts and ends: a part holding "eyJ" (a JSON object's start, base64url-encoded) with at
 * least 8 characters after it, then a part of at least 8, then the signature (a JWE has two more parts).
 */
function jwtIn(run: string): { start: number; end: number } | null {
  const parts = run.split('.');
  let offset = 0;
  for (let i = 0; i + 2 < parts.length; i++) {
    const part = parts[i] as string;
    const header = part.indexOf('eyJ');
    if (
      header >= 0 &&
      part.length - header >= 3 + MIN_JWT_PART &&
      (parts[i + 1] as string).length >= MIN_JWT_PART
    ) {
      const last = parts.length - i > 4 ? i + 4 : i + 2;
      const length = parts.slice(i, last + 1).join('.').length - header;
      const start = offset + header;
      return { start, end: start + length };
    }
    offset += part.length + 1;
  }
  return null;
}

/** The first JWT in a text, or null. */
export function findJwt(text: string): string | null {
  if (!text.includes('eyJ')) return null;
  for (const [run] of text.matchAll(DOTTED_RUN)) {
    const found = run.length >= MIN_JWT_LENGTH ? jwtIn(run) : null;
    if (found) return run.slice(found.start, found.end);
  }
  return null;
}

export function containsJwt(text: string): boolean {
  return findJwt(text) !== null;
}

/** The text with each JWT replaced by what `replace` returns for it. */
export function replaceJwts(text: string, replace: (jwt: string) => string): string {
  if (!text.includes('eyJ')) return text;
  return text.replace(DOTTED_RUN, (run) => {
    if (run.length < MIN_JWT_LENGTH) return run;
    let rest = run;
    let result = '';
    for (let found = jwtIn(rest); found; found = jwtIn(rest)) {
      result += rest.slice(0, found.start) + replace(rest.slice(found.start, found.end));
      rest = rest.slice(found.end);
    }
    return result + rest;
  });
}

const TOKEN_CHARACTERS = /^[A-Za-z0-9_~+/=.-]+$/;
const MIN_TOKEN_LENGTH = 20;
/** The parts of a token between separators; a slug or a UUID has only short ones. */
const TOKEN_SEPARATORS = /[-_.~]/;
const LONGEST_RANDOM_PART = 16;

/**
 * A long value that looks random: 20 or more token characters with a run of at least 16 between separators that
 * mixes letters and digits. A slug (`market-data-eu-west-1`) or a UUID has no such run, so ids in paths survive;
 * an API key, a session token or a hex digest does not.
 */
export function isOpaqueToken(value: string): boolean {
  if (value.length < MIN_TOKEN_LENGTH || !TOKEN_CHARACTERS.test(value)) return false;
  return value
    .split(TOKEN_SEPARATORS)
    .some((part) => part.length >= LONGEST_RANDOM_PART && /\d/.test(part) && /[A-Za-z]/.test(part));
}

/** A subprotocol whose leading segments name a credential carries it in its last segment (Kubernetes style). */
const CREDENTIAL_WORD = /bearer|token|auth|secret|password|jwt|api[_-]?key/i;

/** The part of a subprotocol that is a credential, or null when it looks like an ordinary protocol name. */
export function secretPartOfProtocol(protocol: string): string | null {
  const jwt = findJwt(protocol);
  if (jwt !== null) return jwt;
  const lastDot = protocol.lastIndexOf('.');
  if (lastDot > 0 && lastDot < protocol.length - 1 && CREDENTIAL_WORD.test(protocol.slice(0, lastDot))) {
    return protocol.slice(lastDot + 1);
  }
  return isOpaqueToken(protocol) ? protocol : null;
}
