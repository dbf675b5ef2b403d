import type { SessionMeta } from '../model/session';
import type { ChunkColumns } from '../record/chunk';
import { recordAt } from '../record/chunk';
import type { FrameRecord } from '../model/frame';
import { HAR_EXTENSION, HarWriter } from './har-writer';
import { NATIVE_EXTENSION, nativeEndLine, nativeHeaderLine, nativeRecordLine } from './native';
import type { RedactionPlan } from './redaction';
import { hostAndPath } from '../display/url-name';

export type ExportFormat = 'native' | 'har';

export const EXPORT_TYPES: Record<ExportFormat, { extension: string; mimeType: string }> = {
  native: { extension: NATIVE_EXTENSION, mimeType: 'application/x-ndjson' },
  har: { extension: HAR_EXTENSION, mimeType: 'application/json' },
};

/**
 * A session as file text, one piece per chunk: the caller turns each piece into a Blob part (or writes it to a
 * stream) before asking for the next, so no more than a chunk of text exists at once. Records from `count` on
 * are left out: a live session keeps growing while it is exported.
 */
export async function* exportSession(
  meta: SessionMeta,
  chunks: AsyncIterable<ChunkColumns>,
  count: number,
  format: ExportFormat,
  plan: RedactionPlan,
  exportedAt: Date,
): AsyncGenerator<string> {
  if (format === 'native') {
    yield `${nativeHeaderLine(meta, plan, exportedAt)}\n`;
    let written = 0;
    for await (const lines of recordsByChunk(
      chunks,
      count,
      (record) => `${nativeRecordLine(record, plan)}\n`,
    )) {
      written += lines.count;
      yield lines.text;
    }
    yield `${nativeEndLine(written)}\n`;
  } else {
    const har = new HarWriter(meta, plan);
    yield har.start();
    for await (const lines of recordsByChunk(chunks, count, (record) => har.record(record))) yield lines.text;
    yield har.end();
  }
}

async function* recordsByChunk(
  chunks: AsyncIterable<ChunkColumns>,
  count: number,
  write: (record: FrameRecord) => string,
): AsyncGenerator<{ text: string; count: number }> {
  for await (const chunk of chunks) {
    if (chunk.firstSeq >= count) return;
    const end = Math.min(chunk.count, count - chunk.firstSeq);
    const parts: string[] = [];
    for (let i = 0; i < end; i++) parts.push(write(recordAt(chunk, i)));
    yield { text: parts.join(''), count: end };
  }
}

/** "echo-2026-11-22T04-16-33.wsi.jsonl": the session's name or host, and when it started. */
export function exportFileName(meta: SessionMeta, format: ExportFormat): string {
  // No port: it is noise in a file name.
  const base = meta.name || (hostAndPath(meta.url, { port: false }) ?? 'session');
  const safe =
    base
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'session';
  const when = new Date(meta.startedAt).toISOString().slice(0, 19).replace(/:/g, '-');
  return `${safe}-${when}${EXPORT_TYPES[format].extension}`;
}
