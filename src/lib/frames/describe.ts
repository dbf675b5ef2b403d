import { toHex } from '../encoding/hex';
import { formatBytes } from '../display/size';
import { describeCloseCode } from '../ws/close-codes';
import type { FrameRecord } from '../model/frame';

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
 * One line of text for the grid's preview column. Line breaks become visible symbols so a row stays one line;
 * long texts are cut so a 50 MB frame costs no more than a short one.
 */
export function previewRecord(record: FrameRecord): string {
  switch (record.kind) {
    case 'text':
      return oneLine(record.text.slice(0, PREVIEW_CHARS));
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
      return `${record.code}${record.reason === '' ? '' : ` “${oneLine(record.reason)}”`} — ${
        record.wasClean ? 'clean' : 'not clean'
      }. ${describeCloseCode(record.code)}`;
    case 'error':
      return record.message;
    case 'note':
      return record.text;
  }
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\n|\r/g, '⏎').replace(/\t/g, '⇥');
}
