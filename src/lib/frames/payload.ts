import { toBase64 } from '../encoding/base64';
import { toHex } from '../encoding/hex';
import { decodeUtf8, utf8Bytes } from '../encoding/utf8';
import type { MessageRecord } from '../model/frame';

/** The bytes that went over the wire: a text message's UTF-8 encoding, a binary message's payload. */
export function payloadBytes(record: MessageRecord): Uint8Array {
  return record.kind === 'text' ? utf8Bytes(record.text) : record.bytes;
}

/** The payload as text; for binary, a UTF-8 reading that says whether the bytes were valid UTF-8. */
export function payloadText(record: MessageRecord): { text: string; valid: boolean } {
  return record.kind === 'text' ? { text: record.text, valid: true } : decodeUtf8(record.bytes);
}

export type CopyFormat = 'text' | 'hex' | 'base64';

export function payloadAs(record: MessageRecord, format: CopyFormat): string {
  switch (format) {
    case 'text':
      return payloadText(record).text;
    case 'hex':
      return toHex(payloadBytes(record));
    case 'base64':
      return toBase64(payloadBytes(record));
  }
}
