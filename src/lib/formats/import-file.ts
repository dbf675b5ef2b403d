import type { Result } from '../result';
import type { SessionDescription } from '../model/session';
import type { UnnumberedRecord } from '../model/frame';
import { tryParseJson } from '../encoding/json';
import { harEntries, readHarEntry } from './har-reader';
import type { Line } from './lines';
import { readLines } from './lines';
import { checkNativeHeader, checkNativeRecord, nativeEndCount } from './native';
import type { RecordCheck } from './validate';
import { messageOf } from '../errors';
import { formatCount } from '../display/size';

/** Native files are read a line at a time, so they may be large; a HAR is one JSON value, parsed whole. */
export const MAX_NATIVE_BYTES = 4 * 1024 ** 3;
export const MAX_HAR_BYTES = 512 * 1024 ** 2;
/** The longest line read: a 64 MB binary message in base64, with room for its fields. */
export const MAX_LINE_CHARS = 90 * 1024 ** 2;

/** What a file or a share link is read from: a File or Blob. */
export interface ImportSource {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface ImportedSession extends SessionDescription {
  /** Where it came from, shown with the session: "capture.har (HAR)". */
  source: string;
}

/** One session being written by an import. */
export interface SessionWriter {
  readonly sessionId: string;
  append(record: UnnumberedRecord): Promise<void>;
  /** Lists the session, with its end time when the file does not give one. */
  finish(lastRecordAt: number | undefined): Promise<void>;
}

/** Where imports go. Everything an import writes is new: it never changes what is already stored. */
export interface ImportTarget {
  startSession(session: ImportedSession): Promise<SessionWriter>;
  /** A connection worth keeping without messages (a Firefox HAR entry). */
  addProfile(profile: { url: string; protocols: string[] }): Promise<void>;
  /** Removes whatever this import wrote: called when it fails part way. */
  discard(): Promise<void>;
}

export interface ImportReport {
  fileName: string;
  format: 'WS Inspector session' | 'HAR';
  sessionIds: string[];
  records: number;
  /** Records skipped, by reason. */
  skipped: Record<string, number>;
  /** HAR entries that are not WebSockets (pages, scripts, XHR). */
  otherEntries: number;
  /** URLs of WebSocket entries without messages, saved as profiles. */
  profiles: string[];
  warnings: string[];
}

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

function newReport(fileName: string, format: ImportReport['format']): ImportReport {
  return {
    fileName,
    format,
    sessionIds: [],
    records: 0,
    skipped: {},
    otherEntries: 0,
    profiles: [],
    warnings: [],
  };
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

async function importNative(source: ImportSource, target: ImportTarget): Promise<Result<ImportReport>> {
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

async function importHar(source: ImportSource, target: ImportTarget): Promise<Result<ImportReport>> {
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

/** Writes one session's good records, counts the bad ones, and starts the session at its first record. */
class SessionSink {
  readonly #target: ImportTarget;
  readonly #session: ImportedSession;
  readonly #report: ImportReport;
  #writer: SessionWriter | null = null;
  #lastAt: number | undefined;

  constructor(target: ImportTarget, session: ImportedSession, report: ImportReport) {
    this.#target = target;
    this.#session = session;
    this.#report = report;
  }

  skip(reason: string): void {
    this.#report.skipped[reason] = (this.#report.skipped[reason] ?? 0) + 1;
  }

  async add(check: RecordCheck): Promise<void> {
    if (!check.ok) return this.skip(check.error);
    const writer = this.#writer ?? (await this.#start(check.value.t));
    await writer.append(check.value);
    this.#lastAt = check.value.t;
    this.#report.records++;
  }

  async finish(): Promise<void> {
    const writer = this.#writer ?? (await this.#start(Date.now()));
    await writer.finish(this.#lastAt);
  }

  async #start(firstRecordAt: number): Promise<SessionWriter> {
    const startedAt = Number.isFinite(this.#session.startedAt) ? this.#session.startedAt : firstRecordAt;
    const writer = await this.#target.startSession({ ...this.#session, startedAt });
    this.#writer = writer;
    this.#report.sessionIds.push(writer.sessionId);
    return writer;
  }
}

async function firstLine(lines: AsyncIterator<Line>): Promise<string> {
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (next.value.tooLong) return '';
    if (next.value.text.trim() !== '') return next.value.text;
  }
  return '';
}

function tooLarge(source: ImportSource, limit: number): string {
  const mb = (bytes: number) => `${formatCount(Math.round(bytes / 1024 ** 2))} MB`;
  return `${source.name} is ${mb(source.size)}; files of this kind are read up to ${mb(limit)}.`;
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
