import { isObject } from '../guards';
import { isCredentialField } from '../redact/credential-shapes';
import type { Redaction } from '../redact/findings';
import { REDACTED } from '../redact/findings';
import type { RedactionPlan } from '../redact/plan';
import type { Profile, ProfileTls } from './profile';

/**
 * A profile's agent fields (docs/agent.md) in profile files: Connect through agent, Headers, TLS and the ping
 * interval. The agent's URL and token are the app's, not a profile's, and never travel in a file: a file that
 * could set them could send the token to whatever listens on another port.
 */
export type AgentSettings = Pick<Profile, 'throughAgent' | 'headers' | 'tls' | 'pingEverySeconds'>;

/** Headers that carry a credential whatever the words in their name. */
const CREDENTIAL_HEADERS = new Set(['cookie', 'proxy-authorization']);
const TLS_FIELDS = ['ca', 'insecureHost', 'cert', 'key'] as const;
/** `{{name}}`, or `name={{name}}` in a cookie: the variable carries the secret, not the header. */
const REFERENCE = /(?:[\w.-]+=)?\{\{[^{}]*\}\}/g;
/** What may be left of a value besides its references, say `Bearer {{token}}`, without holding a secret. */
const SCHEME_ONLY = /^(?:bearer|basic|token|digest)?$/i;
const MAX_TEXT = 64 * 1024;

/** The fields a profile has set, copied. */
export function agentSettingsOf(profile: AgentSettings): AgentSettings {
  const { throughAgent, headers, tls, pingEverySeconds } = profile;
  return {
    ...(throughAgent === undefined ? {} : { throughAgent }),
    ...(headers === undefined ? {} : { headers }),
    ...(tls === undefined ? {} : { tls: { ...tls } }),
    ...(pingEverySeconds === undefined ? {} : { pingEverySeconds }),
  };
}

/**
 * For a file without secrets: the client key is left out; a header that holds a credential by its name keeps its
 * name and `{{references}}` but not a literal value; every header value goes through the profile's redaction.
 */
export function redactAgentSettings(
  settings: AgentSettings,
  plan: RedactionPlan,
): { settings: AgentSettings; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const result = agentSettingsOf(settings);
  if (settings.headers !== undefined) {
    result.headers = settings.headers
      .split('\n')
      .map((line) => {
        const colon = line.indexOf(':');
        if (colon <= 0) return plan.text(line);
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (!holdsCredential(name) || onlyReferences(value)) return plan.text(line);
        redactions.push({ where: 'text', what: `the value of header “${name}”` });
        return `${name}: ${REDACTED}`;
      })
      .join('\n');
  }
  if (settings.tls?.key) {
    result.tls = { ...settings.tls };
    delete result.tls.key;
    redactions.push({ where: 'text', what: 'the client key (TLS)' });
  }
  return { settings: result, redactions };
}

function onlyReferences(value: string): boolean {
  return SCHEME_ONLY.test(value.replace(REFERENCE, '').replace(/[\s;,]+/g, ''));
}

function holdsCredential(headerName: string): boolean {
  return CREDENTIAL_HEADERS.has(headerName.toLowerCase()) || isCredentialField(headerName);
}

/** The agent fields of a profile in a file, each only when well formed. */
export function readAgentSettings(entry: Record<string, unknown>): AgentSettings {
  const settings: AgentSettings = {};
  if (typeof entry.throughAgent === 'boolean') settings.throughAgent = entry.throughAgent;
  if (typeof entry.headers === 'string') settings.headers = entry.headers.slice(0, MAX_TEXT);
  const ping = entry.pingEverySeconds;
  if (typeof ping === 'number' && Number.isInteger(ping) && ping >= 0 && ping <= 3600) {
    settings.pingEverySeconds = ping;
  }
  if (isObject(entry.tls)) {
    const tls: ProfileTls = {};
    for (const field of TLS_FIELDS) {
      const value = entry.tls[field];
      if (typeof value === 'string') tls[field] = value.slice(0, MAX_TEXT);
    }
    settings.tls = tls;
  }
  return settings;
}
