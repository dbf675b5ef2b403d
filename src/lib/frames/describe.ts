import { toHex } from '../encoding/hex';
import { formatBytes } from '../display/size';
import { describeCloseCode } from '../ws/close-codes';
import type { FrameRecord } from '../model/frame';
import type { DecodedMessage } from '../decoders/decoder';

/** The word a row shows for its direction or event, also its accessible name. */
export function directionLabel(record: FrameRecord): string {
  switch (record.kind) {
    case 'text':
    case 'binary':
      return record.dir === 'out' ? 'sent' : 'received';
    default:
      return record.kind;
  }
}

const PREVIEW_CHARS = 300;
const PREVIEW_BYTES = 24;

/**
 * Frames larger than this are previewed as they are, never decoded: rows are previewed at scroll speed, and a
 * 50 MB frame must cost a row no more than a short one.
 */
export const PREVIEW_DECODE_BYTES = 64 * 1024;

/**
 * One line of text for the grid's preview column. A frame that decoded starts with its first message's type and
 * key (`EVENT chat ["hi"]`), saying how many more it holds. Line breaks become visible symbols so a row stays one
 * line; every preview is cut, so a 50 MB frame or note costs no more than a short one.
 */
export function previewRecord(record: FrameRecord, decoded: readonly DecodedMessage[] = []): string {
  const preview = previewOf(record, decoded);
  // Handshake and keep-alive's own messages say so at the end, where the decoded type still leads the row.
  return (record.kind === 'text' || record.kind === 'binary') && record.auto
    ? `${preview} ${AUTOMATIC}`
    : preview;
}

/** What a row says of a message the app sent by itself (a handshake, a pong, a heartbeat). */
export const AUTOMATIC = '· automatic';

function previewOf(record: FrameRecord, decoded: readonly DecodedMessage[]): string {
  const [first] = decoded;
  if (first !== undefined) {
    const more = decoded.length > 1 ? ` (+${decoded.length - 1} more)` : '';
    return cut(first.summary) + more;
  }
  switch (record.kind) {
    case 'text':
      return cut(record.text);
    case 'binary': {
      const head = toHex(record.bytes.subarray(0, PREVIEW_BYTES));
      const more = record.bytes.length > PREVIEW_BYTES ? ' …' : '';
      return `${formatBytes(record.size)} binary${head === '' ? '' : `: ${head}${more}`}`;
    }
    case 'open':
      return [
        'Connection open',
        record.protocol === '' ? 'no subprotocol' : `subprotocol ${record.protocol}`,
        record.extensions === '' ? '' : `extensions ${record.extensions}`,
      ]
        .filter(Boolean)
        .join(', ');
    case 'close':
      return `${record.code}${record.reason === '' ? '' : ` “${cut(record.reason)}”`} — ${
        record.wasClean ? 'clean' : 'not clean'
      }. ${describeCloseCode(record.code)}`;
    case 'error':
      return cut(record.message);
    case 'note':
      return cut(record.text);
  }
}

function cut(text: string): string {
  return oneLine(text.slice(0, PREVIEW_CHARS));
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\n|\r/g, '⏎').replace(/\t/g, '⇥');
}
