import { toBase64 } from '../encoding/base64';

/**
 * The ways a secret reappears in what a session recorded besides its own spelling: escaped by a server's JSON
 * encoder (`abc\/def`, `\u00e9`), percent-encoded in a URL, or base64-encoded, alone or inside a longer value
 * such as `Basic base64(user:password)`.
 */

/**
 * Secrets shorter than this are not searched for in texts at all: two characters occur by chance in nearly every
 * message, and redacting them would wreck the export without hiding anything.
 */
export const MIN_SECRET_IN_TEXT = 3;
/**
 * A base64 fragment shorter than this would match by chance inside long base64 data: one of six characters turns
 * up at a given place once in 64^6 ≈ 7·10^10.
 */
const MIN_BASE64_FRAGMENT = 6;

/** Every form of the secret worth searching for, longest first (so a form that contains another goes whole). */
export function formsOf(secret: string): string[] {
  if (secret.length < MIN_SECRET_IN_TEXT) return [];
  const forms = new Set([secret, ...jsonEscaped(secret), ...percentEncoded(secret), ...base64Forms(secret)]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_IN_TEXT).sort((a, b) => b.length - a.length);
}

/** As JSON encoders write it inside a string: plain, with `/` escaped (PHP), with non-ASCII as \uXXXX. */
function jsonEscaped(secret: string): string[] {
  const plain = JSON.stringify(secret).slice(1, -1);
  const forms = [plain, plain.replaceAll('/', '\\/')];
  for (const upper of [false, true]) {
    const ascii = plain.replace(/[\u007f-\uffff]/g, (char) => {
      const hex = char.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
    forms.push(ascii, ascii.replaceAll('/', '\\/'));
  }
  return forms;
}

/** As a URL carries it: percent-encoded with upper- or lower-case hex, and with `+` for spaces (forms). */
function percentEncoded(secret: string): string[] {
  let encoded: string;
  try {
    encoded = encodeURIComponent(secret);
  } catch {
    // A lone surrogate cannot be encoded, so no URL holds it encoded either.
    return [];
  }
  return [
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    encoded.replaceAll('%20', '+'),
  ];
}

/**
 * Base64 of the secret alone (with and without padding), and the characters that encode the secret wherever it
 * sits inside longer data. Base64 turns 3 bytes into 4 characters, so the same bytes encode differently at each of
 * the three offsets; for each offset, the characters that depend on the secret's bytes alone are the same
 * whatever surrounds it. Both alphabets: standard and URL-safe.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const whole = toBase64(bytes);
  const forms = [whole, whole.replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = new Uint8Array(offset + bytes.length);
    shifted.set(bytes, offset);
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    forms.push(toBase64(shifted).slice(first, end));
  }
  return forms
    .filter((form) => form.replace(/=+$/, '').length >= MIN_BASE64_FRAGMENT)
    .flatMap((form) => [form, form.replaceAll('+', '-').replaceAll('/', '_')]);
}
