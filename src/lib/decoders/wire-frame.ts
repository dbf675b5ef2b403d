import type { MessageRecord } from '../model/frame';
import type { WireFrame } from './decoder';

/** A recorded message as a decoder sees it. */
export function wireFrameOf(record: MessageRecord): WireFrame {
  return record.kind === 'text'
    ? { dir: record.dir, text: record.text }
    : { dir: record.dir, bytes: record.bytes };
}
