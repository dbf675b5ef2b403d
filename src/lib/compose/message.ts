import type { Result } from '../result';
import { parseBase64 } from '../encoding/base64';
import { parseHex } from '../encoding/hex';
import { describeJsonError, parseJson } from '../encoding/json';

export const MESSAGE_FORMATS = ['text', 'json', 'hex', 'base64'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

export const MESSAGE_FORMAT_LABELS: Record<MessageFormat, string> = {
  text: 'Text',
  json: 'JSON',
  hex: 'Hex',
  base64: 'Base64',
};

export type OutgoingPayload = { kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array };

/**
 * Turns what the person typed into what goes on the wire. Text and JSON go as one text message (JSON exactly as
 * typed, once it parses); Hex and Base64 go as one binary message.
 */
export function encodeMessage(body: string, format: MessageFormat): Result<OutgoingPayload> {
  switch (format) {
    case 'text':
      return { ok: true, value: { kind: 'text', text: body } };
    case 'json': {
      const parsed = parseJson(body);
      return parsed.ok
        ? { ok: true, value: { kind: 'text', text: body } }
        : { ok: false, error: `Invalid JSON. ${describeJsonError(parsed.error)}` };
    }
    case 'hex':
    case 'base64': {
      const parsed = format === 'hex' ? parseHex(body) : parseBase64(body);
      return parsed.ok ? { ok: true, value: { kind: 'binary', bytes: parsed.value } } : parsed;
    }
  }
}
