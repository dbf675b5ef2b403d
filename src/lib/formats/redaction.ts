/**
 * What an export or a share link must not carry by default: URL userinfo, credential-looking query values and
 * subprotocols, and the values of variables a person marked secret. A plan lists what it redacts (never the
 * values, which is what a file's header and the preview show) and replaces every occurrence of each secret in the
 * URL, the subprotocols and every text the session holds: messages, notes, close reasons.
 */

export const REDACTED = 'REDACTED';

/** One thing redacted, in words: where it was and what it was, never its value. */
export interface Redaction {
  where: 'url' | 'subprotocol' | 'variable';
  what: string;
}

export interface SecretVariable {
  name: string;
  value: string;
}

/** Query keys that usually carry a credential. Matched as a whole word part: "access_token", "X-Api-Key". */
const CREDENTIAL_KEY =
  /(?:^|[_.-])(?:token|access_?token|id_?token|refresh_?token|key|api_?key|apikey|sig|signature|auth|authorization|code|password|passwd|pwd|secret|client_?secret|session|session_?id|sessionid|jwt|bearer|credentials?)$/i;
/** A subprotocol whose leading segments name a credential carries it in its last segment (Kubernetes style). */
const CREDENTIAL_WORD = /bearer|token|auth|secret|password|jwt|api[_-]?key/i;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
/** A long run of token characters with both letters and digits: an opaque credential. */
const OPAQUE_TOKEN = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_~+/=-]{24,}$/;
/**
 * Shorter values from the URL are redacted in the URL only: searched for in texts, they would match ordinary
 * words and numbers. A variable the person marked secret is searched for from three characters up.
 */
const MIN_URL_SECRET_IN_TEXT = 6;
const MIN_VARIABLE_SECRET = 3;

export class RedactionPlan {
  readonly redactions: readonly Redaction[];
  /** Replaced in this order: the whole URL and subprotocols first, so notes quoting them match; then secrets. */
  readonly #replacements: readonly (readonly [string, string])[];
  readonly #url: string;
  readonly #protocols: readonly string[];

  private constructor(
    redactions: Redaction[],
    secrets: string[],
    original: { url: string; protocols: readonly string[] },
    redacted: { url: string; protocols: readonly string[] },
  ) {
    this.redactions = redactions;
    const whole = [original.url, ...original.protocols].map(
      (text, i) => [text, [redacted.url, ...redacted.protocols][i] ?? text] as const,
    );
    // Longest first, so a secret that contains another is replaced whole.
    const parts = [...new Set(secrets)]
      .sort((a, b) => b.length - a.length)
      .map((secret) => [secret, REDACTED] as const);
    this.#replacements = [...whole, ...parts].filter(([from, to]) => from !== to && from !== '');
    // A secret variable may also sit in the URL or a subprotocol.
    this.#url = this.#replaceSecrets(redacted.url, parts);
    this.#protocols = redacted.protocols.map((protocol) => this.#replaceSecrets(protocol, parts));
  }

  /** Nothing redacted: the person chose to include secrets. */
  static none(url: string, protocols: readonly string[]): RedactionPlan {
    const session = { url, protocols };
    return new RedactionPlan([], [], session, session);
  }

  static for(url: string, protocols: readonly string[], variables: readonly SecretVariable[]): RedactionPlan {
    const redactions: Redaction[] = [];
    const secrets: string[] = [];
    const redactedUrl = redactUrl(url, redactions, secrets);
    const redactedProtocols = protocols.map((protocol) => {
      const secret = secretPartOfProtocol(protocol);
      if (secret === null) return protocol;
      const shown = protocol.replace(secret, REDACTED);
      redactions.push({ where: 'subprotocol', what: `a credential in subprotocol “${shown}”` });
      secrets.push(secret);
      return shown;
    });
    for (const variable of variables) {
      if (variable.value.length < MIN_VARIABLE_SECRET) continue;
      redactions.push({ where: 'variable', what: `the value of secret variable “${variable.name}”` });
      secrets.push(variable.value);
    }
    return new RedactionPlan(
      redactions,
      secrets,
      { url, protocols },
      { url: redactedUrl, protocols: redactedProtocols },
    );
  }

  /** The session's URL as exported. */
  get url(): string {
    return this.#url;
  }

  get protocols(): readonly string[] {
    return this.#protocols;
  }

  /** The text with the session's URL and subprotocols, and every known secret, replaced. */
  text(text: string): string {
    return this.#replaceSecrets(text, this.#replacements);
  }

  #replaceSecrets(text: string, replacements: readonly (readonly [string, string])[]): string {
    let result = text;
    for (const [from, to] of replacements) {
      if (result.includes(from)) result = result.split(from).join(to);
    }
    return result;
  }
}

function redactUrl(url: string, redactions: Redaction[], secrets: string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    redactions.push({ where: 'url', what: 'the user name and password in the URL' });
    // The password is searched for in texts too; a user name alone is too ordinary a word to hunt down.
    pushUrlSecret(secrets, parsed.password);
    parsed.username = parsed.username === '' ? '' : REDACTED;
    parsed.password = parsed.password === '' ? '' : REDACTED;
  }
  // Rebuilt by hand rather than through URLSearchParams, which would re-encode every other value.
  const query = parsed.search.slice(1);
  if (query !== '') {
    const pairs = query.split('&').map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const key = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      if (value === '' || !CREDENTIAL_KEY.test(safeDecode(key))) return pair;
      redactions.push({ where: 'url', what: `the value of query parameter “${safeDecode(key)}”` });
      pushUrlSecret(secrets, value);
      return `${key}=${REDACTED}`;
    });
    parsed.search = `?${pairs.join('&')}`;
  }
  return parsed.href;
}

function pushUrlSecret(secrets: string[], raw: string): void {
  for (const form of new Set([raw, safeDecode(raw)])) {
    if (form.length >= MIN_URL_SECRET_IN_TEXT) secrets.push(form);
  }
}

/** The part of a subprotocol that is a credential, or null when it looks like an ordinary protocol name. */
export function secretPartOfProtocol(protocol: string): string | null {
  const jwt = JWT.exec(protocol);
  if (jwt) return jwt[0];
  const lastDot = protocol.lastIndexOf('.');
  if (lastDot > 0 && lastDot < protocol.length - 1 && CREDENTIAL_WORD.test(protocol.slice(0, lastDot))) {
    return protocol.slice(lastDot + 1);
  }
  return OPAQUE_TOKEN.test(protocol) ? protocol : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
