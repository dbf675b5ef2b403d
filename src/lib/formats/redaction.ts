/**
 * Redaction for the session formats and the transfer state. It lives in lib/redact, which profile files use
 * too; this is where exports have always found it.
 */
export { RedactionPlan } from '../redact/plan';
export { REDACTED } from '../redact/findings';
export type { Redaction } from '../redact/findings';
export { secretPartOfProtocol } from '../redact/credential-shapes';
export type { SecretVariable } from '../model/session';
