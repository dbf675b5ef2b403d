/** Imports a native session file (.wsi.jsonl), read a line at a time, checking its header, records and end line. */
import type { Result } from '../result';
import { tryParseJson } from '../encoding/json';
import { formatCount } from '../display/size';
import type { ImportSource } from './import-source';
import { MAX_LINE_CHARS, MAX_NATIVE_BYTES, tooLarge } from './import-source';
import type { ImportReport } from './import-report';
import { newReport } from './import-report';
import type { Line } from './lines';
import { readLines } from './lines';
import { checkNativeHeader, checkNativeRecord, nativeEndCount } from './native';
import type { ImportTarget } from './session-sink';
import { SessionSink } from './session-sink';

export async function importNative(
  source: ImportSource,
  target: ImportTarget,
): Promise<Result<ImportReport>> {
  if (source.size > MAX_NATIVE_BYTES) return { ok: false, error: tooLarge(source, MAX_NATIVE_BYTES) };
  const report = newReport(source.name, 'WS Inspector session');
  const lines = readLines(source.stream(), MAX_LINE_CHARS)[Symbol.asyncIterator]();
  const first = tryParseJson(await firstLine(lines));
  const header = checkNativeHeader(first.ok ? first.value : undefined);
  if (!header.ok) {
    await lines.return?.(undefined);
    return { ok: false, error: `${source.name} cannot be opened. ${header.error}` };
  }
  const session = { ...header.session, source: `${source.name} (WS Inspector)` };
  const sink = new SessionSink(target, session, report);
  let endCount: number | null | undefined;
  let linesAfterEnd = 0;
  let recordLines = 0;
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line: Line = next.value;
    if (!line.tooLong && line.text.trim() === '') continue;
    if (endCount !== undefined) {
      linesAfterEnd++;
      continue;
    }
    recordLines++;
    if (line.tooLong) {
      sink.skip('line too long');
      continue;
    }
    const parsed = tryParseJson(line.text);
    const end = parsed.ok ? nativeEndCount(parsed.value) : undefined;
    if (end !== undefined) {
      endCount = end;
      recordLines--;
      continue;
    }
    await sink.add(parsed.ok ? checkNativeRecord(parsed.value) : { ok: false, error: 'not JSON' });
  }
  await sink.finish();
  if (endCount === undefined) {
    report.warnings.push(
      `The file ends without its end line: it was cut short. The ${formatCount(report.records)} records it holds were imported.`,
    );
  } else if (endCount !== null && endCount !== recordLines) {
    report.warnings.push(`The end line counts ${endCount} records, but the file holds ${recordLines}.`);
  }
  if (linesAfterEnd > 0) report.warnings.push(`${linesAfterEnd} lines after the end line were ignored.`);
  if (header.redactions > 0) {
    report.warnings.push(`Secrets were redacted from this file when it was exported (${header.redactions}).`);
  }
  return { ok: true, value: report };
}

async function firstLine(lines: AsyncIterator<Line>): Promise<string> {
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (next.value.tooLong) return '';
    if (next.value.text.trim() !== '') return next.value.text;
  }
  return '';
}
