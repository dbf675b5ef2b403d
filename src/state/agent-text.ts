import { normalizePem } from '../lib/agent/pem';
import type { HandshakeReport, HeaderPair, TlsOptions } from '../lib/agent/protocol';
import type { AgentReport } from '../lib/agent/socket';
import { expandVariables, randomUuid } from '../lib/compose/variables';
import type { SecretVariable } from '../lib/model/session';
import type { ProfileTls } from '../lib/profiles/profile';
import type { Result } from '../lib/result';

/** What the agent reports, turned into what the app shows and records: header lines, masked text, note rows. */

const MASK = '••••••';

/** Headers as typed, one `Name: value` per line, with `{{variables}}` in values filled in. */
export function parseHeaders(text: string, values: Readonly<Record<string, string>>): Result<HeaderPair[]> {
  const pairs: HeaderPair[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    // The line itself is not repeated: it may hold a secret.
    if (colon <= 0) return { ok: false, error: `Headers, line ${index + 1}: write it as “Name: value”.` };
    // Filled in after splitting, so a value with a line break cannot become a header of its own.
    const value = expandVariables(line.slice(colon + 1).trim(), {
      values,
      seq: 1,
      now: Date.now,
      uuid: randomUuid,
    });
    if (!value.ok) return { ok: false, error: `Headers, line ${index + 1}: ${value.error}` };
    pairs.push([line.slice(0, colon).trim(), value.value]);
  }
  return { ok: true, value: pairs };
}

/** The TLS fields as the agent takes them: the empty ones left out, PEM given its line breaks back. */
export function tlsOptions(fields: ProfileTls): TlsOptions {
  const tls: TlsOptions = {};
  if (fields.ca?.trim()) tls.ca = normalizePem(fields.ca);
  if (fields.insecureHost?.trim()) tls.insecureHost = fields.insecureHost.trim();
  if (fields.cert?.trim()) tls.cert = normalizePem(fields.cert);
  if (fields.key?.trim()) tls.key = normalizePem(fields.key);
  return tls;
}

export function maskSecrets(text: string, secrets: readonly SecretVariable[]): string {
  return secrets.reduce((masked, { value }) => (value ? masked.replaceAll(value, MASK) : masked), text);
}

export function maskHandshake(report: HandshakeReport, secrets: readonly SecretVariable[]): HandshakeReport {
  const mask = (pairs: HeaderPair[]): HeaderPair[] => pairs.map(([n, v]) => [n, maskSecrets(v, secrets)]);
  const { request, response, tls } = report;
  return {
    request: { line: maskSecrets(request.line, secrets), headers: mask(request.headers) },
    response: response && { ...response, headers: mask(response.headers) },
    tls,
  };
}

/** A report as a note row of the session; null for those the recorded frames already show. */
export function describeReport(report: AgentReport): string | null {
  switch (report.kind) {
    case 'handshake':
      return `Handshake through the agent: ${report.request.line} → ${report.response?.line ?? 'no answer'}`;
    case 'warning':
      return `Agent warning: ${report.message}`;
    case 'failure':
      return `Agent: ${report.message} (${report.code})`;
    case 'ping':
    case 'pong':
      return `${report.kind} ${report.dir === 'in' ? 'received from' : 'sent to'} the server (${report.data.byteLength} B)`;
    case 'close-frame': {
      const { code, reason, payloadHex } = report.frame;
      return `Close frame as the server sent it: ${code === null ? 'no status code' : `code ${code}`}, reason “${reason}”, payload ${payloadHex || '(empty)'}`;
    }
    case 'frame':
      return null;
  }
}
