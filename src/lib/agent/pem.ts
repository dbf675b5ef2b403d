/**
 * PEM text as OpenSSL reads it. A key pasted into a password field (which masks it, as a secret should be) loses
 * its line breaks: the browser strips them from every single-line input. OpenSSL wants the base64 between the
 * BEGIN and END lines in lines of at most 64 characters, so each block is written out again that way.
 */
const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function normalizePem(text: string): string {
  const blocks = [...text.matchAll(BLOCK)].map(([, label, body]) => {
    const base64 = (body ?? '').replace(/\s+/g, '');
    const lines = base64.match(/.{1,64}/g) ?? [];
    return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
  });
  // Not PEM at all: passed on as typed, for the agent to refuse with its own words (tls-bad-pem).
  return blocks.length > 0 ? `${blocks.join('\n')}\n` : text;
}
