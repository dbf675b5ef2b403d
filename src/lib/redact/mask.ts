import type { SecretVariable } from '../model/session';
import { Findings, REDACTED } from './findings';
import { formsOf } from './secret-forms';
import { redactUrl } from './url';

/**
 * Secrets hidden on screen, for anyone watching a shared screen (security review L6). For display only: storage
 * keeps what was recorded, and exports redact on their own (plan.ts), with a placeholder a file can be searched
 * for. Applied to short texts (a URL, a note row's preview), so the cost of a pass does not matter; the forms of a
 * session's secrets are computed once per list.
 */

/** What stands on screen where a secret was. */
export const MASK = '•••';

/** URLs inside a text, as text-shapes.ts finds them for exports: up to white space or a quote. */
const URL_IN_TEXT = /\b(?:wss?|https?):\/\/[^\s"'<>\\`]+/gi;

const NO_SECRETS: readonly SecretVariable[] = [];
/** The forms of each list of secrets, longest first; a session's meta keeps its list, so this hits. */
const formsCache = new WeakMap<readonly SecretVariable[], readonly string[]>();

function formsOfAll(secrets: readonly SecretVariable[]): readonly string[] {
  let forms = formsCache.get(secrets);
  if (forms === undefined) {
    const all = new Set(secrets.flatMap(({ value }) => formsOf(value)));
    forms = [...all].sort((a, b) => b.length - a.length);
    formsCache.set(secrets, forms);
  }
  return forms;
}

/**
 * The text with credentials in its URLs (userinfo, credential-named query values, tokens: what an export
 * redacts) and every form of each known secret value replaced by MASK. Secrets shorter than three characters are
 * left, as exports leave them: they would mask ordinary letters everywhere.
 */
export function maskSecrets(text: string, secrets: readonly SecretVariable[] = NO_SECRETS): string {
  let result = text.includes('://')
    ? text.replace(URL_IN_TEXT, (url) => {
        const redacted = redactUrl(url, new Findings()).url;
        // A URL that holds the placeholder's word itself shows it masked too: harmless on screen.
        return redacted === url ? url : redacted.split(REDACTED).join(MASK);
      })
    : text;
  for (const form of formsOfAll(secrets)) {
    if (result.includes(form)) result = result.split(form).join(MASK);
  }
  return result;
}
