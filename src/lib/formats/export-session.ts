import type { SessionMeta } from '../model/session';
import { HAR_EXTENSION } from './har-writer';
import { NATIVE_EXTENSION } from './native';
import { hostAndPath } from '../display/url-name';

export type ExportFormat = 'native' | 'har';

export const EXPORT_TYPES: Record<ExportFormat, { extension: string; mimeType: string }> = {
  native: { extension: NATIVE_EXTENSION, mimeType: 'application/x-ndjson' },
  har: { extension: HAR_EXTENSION, mimeType: 'application/json' },
};

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
