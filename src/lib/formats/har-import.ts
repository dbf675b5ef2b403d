/** Imports a HAR file's WebSocket entries: those with messages as sessions, those without as profiles. */
import type { Result } from '../result';
import { tryParseJson } from '../encoding/json';
import { harEntries, readHarEntry } from './har-reader';
import type { ImportSource } from './import-source';
import { MAX_HAR_BYTES, tooLarge } from './import-source';
import type { ImportReport } from './import-report';
import { newReport } from './import-report';
import type { ImportTarget } from './session-sink';
import { SessionSink } from './session-sink';

export async function importHar(source: ImportSource, target: ImportTarget): Promise<Result<ImportReport>> {
  if (source.size > MAX_HAR_BYTES) return { ok: false, error: tooLarge(source, MAX_HAR_BYTES) };
  const text = await new Response(source.stream()).text();
  const parsed = tryParseJson(text);
  if (!parsed.ok) return { ok: false, error: `${source.name} is not valid JSON, so it is not a HAR file.` };
  const entries = harEntries(parsed.value);
  if (!entries.ok) return { ok: false, error: `${source.name}: ${entries.error}` };
  const report = newReport(source.name, 'HAR');
  for (const entry of entries.entries) {
    const item = readHarEntry(entry);
    if (item.kind === 'other') {
      report.otherEntries++;
    } else if (item.kind === 'profile') {
      await target.addProfile({ url: item.url, protocols: item.protocols });
      report.profiles.push(item.url);
    } else {
      const sink = new SessionSink(target, { ...item.session, source: `${source.name} (HAR)` }, report);
      for (const record of item.records) await sink.add(record);
      await sink.finish();
    }
  }
  if (report.profiles.length > 0) {
    report.warnings.push(
      `${report.profiles.length === 1 ? 'A WebSocket entry has' : `${report.profiles.length} WebSocket entries have`} no messages: Firefox does not save WebSocket messages in HAR files. Saved as ${report.profiles.length === 1 ? 'a profile' : 'profiles'}, so you can connect again.`,
    );
  }
  if (report.sessionIds.length === 0 && report.profiles.length === 0) {
    return {
      ok: false,
      error: `${source.name} holds no WebSocket connection (${report.otherEntries} other entries).`,
    };
  }
  return { ok: true, value: report };
}
