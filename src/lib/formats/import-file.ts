import type { Result } from '../result';
import { messageOf } from '../errors';
import { formatCount } from '../display/size';
import { importHar } from './har-import';
import type { ImportSource } from './import-source';
import type { ImportReport } from './import-report';
import { readLines } from './lines';
import { importNative } from './native-import';
import type { ImportTarget } from './session-sink';

/**
 * Reads a native session or a HAR into new sessions. Nothing stored before is touched: a file that cannot be read
 * is refused with a message, and a failure part way (a full disk) removes what this import had written.
 */
export async function importFile(source: ImportSource, target: ImportTarget): Promise<Result<ImportReport>> {
  try {
    const kind = await sniff(source);
    if (kind === 'native') return await importNative(source, target);
    if (kind === 'har') return await importHar(source, target);
    return {
      ok: false,
      error: `${source.name} is neither a WS Inspector session (.wsi.jsonl) nor a HAR file.`,
    };
  } catch (error) {
    await target.discard();
    const reason = messageOf(error);
    return { ok: false, error: `Importing ${source.name} stopped, and nothing of it was kept: ${reason}` };
  }
}

/** Looks at the first line only: a native header names its format; anything else starting with "{" may be HAR. */
async function sniff(source: ImportSource): Promise<'native' | 'har' | 'unknown'> {
  for await (const line of readLines(source.stream(), 64 * 1024)) {
    if (line.tooLong) return 'har';
    const text = line.text.trim();
    if (text === '') continue;
    if (text.startsWith('{"format":"wsi-session"') || /^\{\s*"format"\s*:\s*"wsi-session"/.test(text))
      return 'native';
    return text.startsWith('{') ? 'har' : 'unknown';
  }
  return 'unknown';
}

/** The report in a sentence or two, for the person who chose the file. */
export function summarizeImport(report: ImportReport): string {
  const count = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
  const parts = [
    `Imported ${count(report.sessionIds.length, 'session')} (${count(report.records, 'record')}) from ${report.fileName} (${report.format}).`,
  ];
  const skipped = Object.entries(report.skipped);
  if (skipped.length > 0) {
    const total = skipped.reduce((sum, [, n]) => sum + n, 0);
    parts.push(
      `${count(total, 'bad record')} skipped: ${skipped.map(([why, n]) => `${why} (${n})`).join(', ')}.`,
    );
  }
  if (report.otherEntries > 0) {
    parts.push(`${count(report.otherEntries, 'entry', 'entries')} that are not WebSockets skipped.`);
  }
  return [...parts, ...report.warnings].join(' ');
}
