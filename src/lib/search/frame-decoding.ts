import type { ConnectionFacts, DecodedMessage, DecoderSession, WireFrame } from '../decoders/decoder';
import { decodeJsonFrame, jsonFieldsOf } from '../decoders/json/index';
import { findEntry, loadDecoder } from '../decoders/registry';
import type { ChunkColumns } from '../record/chunk';
import { isInbound, kindOf } from '../record/chunk';
import { quotedLastKey } from './field-condition';

/** Which decoder a search job reads a session's frames with: plain data, so it crosses to the worker. */
export interface DecoderJob {
  id: string;
  facts: ConnectionFacts;
}

/** A session's frames as a scan decodes them, in order, with one decoding state for the whole scan. */
export interface FrameDecoding {
  decoderId: string;
  /** As the protocol calls itself: `Socket.IO`. */
  label: string;
  session: DecoderSession;
}

/** Starts decoding for a job; null when the session has no decoder or its decoder is not (or no longer) known. */
export async function startDecoding(job: DecoderJob | null): Promise<FrameDecoding | null> {
  const entry = job === null ? undefined : findEntry(job.id);
  if (job === null || entry === undefined) return null;
  const decoder = await loadDecoder(entry);
  return { decoderId: decoder.id, label: decoder.label, session: decoder.start(job.facts) };
}

/** Without a decoder, a field condition still reads plain JSON, as it always has. */
const PLAIN_JSON: FrameDecoding = { decoderId: 'json', label: 'JSON', session: { decode: decodeJsonFrame } };

const NO_FIELDS: readonly unknown[] = [];

/** Record `index` of a chunk as a decoder sees it; undefined for a connection event. */
export function wireFrameAt(chunk: ChunkColumns, index: number): WireFrame | undefined {
  const payload = chunk.payload[index];
  const kind = kindOf(chunk.flags[index] as number);
  if (payload === null || payload === undefined || (kind !== 'text' && kind !== 'binary')) return undefined;
  const dir = isInbound(chunk.flags[index] as number) ? 'in' : 'out';
  return typeof payload === 'string' ? { dir, text: payload } : { dir, bytes: payload };
}

/** A frame's decoded messages; none for an event or a frame that does not decode. */
export function messagesAt(
  decoding: FrameDecoding,
  chunk: ChunkColumns,
  index: number,
): readonly DecodedMessage[] {
  const frame = wireFrameAt(chunk, index);
  if (frame === undefined) return [];
  const decoded = decoding.session.decode(frame);
  return decoded.ok ? decoded.value : [];
}

/**
 * Reads the fields of each frame's decoded messages for a condition on `path`. With plain JSON, a text that does
 * not contain the path's last key in quotes cannot hold the field and is not parsed: over a million frames,
 * parsing is the whole cost of the filter.
 */
export function fieldsReader(
  decoding: FrameDecoding | null,
  path: readonly string[],
): (chunk: ChunkColumns, index: number) => readonly unknown[] {
  const reading = decoding ?? PLAIN_JSON;
  if (reading.decoderId !== 'json') {
    return (chunk, index) => messagesAt(reading, chunk, index).map((message) => message.fields);
  }
  const key = quotedLastKey(path);
  return (chunk, index) => {
    const payload = chunk.payload[index];
    if (typeof payload !== 'string' || !payload.includes(key)) return NO_FIELDS;
    const fields = jsonFieldsOf(payload);
    return fields === undefined ? NO_FIELDS : [fields];
  };
}
