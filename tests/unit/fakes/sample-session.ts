import 'fake-indexeddb/auto';
import type { ExportFormat } from '../../../src/lib/formats/export-session';
import type { ImportReport } from '../../../src/lib/formats/import-report';
import { importFile } from '../../../src/lib/formats/import-file';
import { utf8Length } from '../../../src/lib/encoding/utf8';
import { FramesDb } from '../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../src/lib/persist/idb-store';
import { StoredImport } from '../../../src/lib/import/stored-import';
import type { SecretVariable, SessionMeta } from '../../../src/lib/model/session';
import { SessionsDb } from '../../../src/lib/persist/sessions-db';
import { ChunkBuilder } from '../../../src/lib/record/chunk';
import { StoredSession } from '../../../src/lib/record/stored-session';
import { countRecord, emptyTotals } from '../../../src/lib/model/totals';
import type { FrameRecord, UnnumberedRecord } from '../../../src/lib/model/frame';
import { exportInThread } from './export-in-thread';

let dbCount = 0;
function freshStorage() {
  dbCount++;
  return {
    frames: new FramesDb(new KeyvalStore(`formats-frames-${dbCount}`, 'frames')),
    sessions: new SessionsDb(new KeyvalStore(`formats-sessions-${dbCount}`, 'sessions')),
  };
}

export const T0 = Date.UTC(2026, 10, 22, 4, 0, 0) + 0.25;
const UNICODE = 'héllo 🌍 “quotes” \n\t\\ \u0000';
const MB = new Uint8Array(1024 * 1024).map((_, i) => (i * 7) & 0xff);

/** Every kind of record, with the awkward payloads a format must carry. */
export const SAMPLE: UnnumberedRecord[] = [
  { kind: 'note', t: T0, text: 'Connecting to ws://example.test/feed' },
  { kind: 'open', t: T0 + 1.5, protocol: 'chat.v1', extensions: 'permessage-deflate' },
  { kind: 'text', dir: 'out', t: T0 + 2.125, text: 'hello', size: 5 },
  { kind: 'text', dir: 'in', t: T0 + 3, text: UNICODE, size: utf8Length(UNICODE) },
  { kind: 'text', dir: 'in', t: T0 + 4, text: '', size: 0 },
  {
    kind: 'binary',
    dir: 'in',
    t: T0 + 5,
    bytes: new Uint8Array([0, 1, 2, 255]),
    size: 4,
    binaryType: 'arraybuffer',
  },
  { kind: 'binary', dir: 'out', t: T0 + 6, bytes: new Uint8Array(0), size: 0 },
  { kind: 'text', dir: 'out', t: T0 + 7, text: 'x'.repeat(1024 * 1024), size: 1024 * 1024 },
  { kind: 'binary', dir: 'in', t: T0 + 8, bytes: MB, size: MB.length, binaryType: 'arraybuffer' },
  { kind: 'error', t: T0 + 9, message: 'The connection failed.' },
  { kind: 'close', t: T0 + 10, code: 4001, reason: 'bye “now”', wasClean: true },
];

export function sampleMeta(overrides: Partial<SessionMeta> = {}): SessionMeta {
  const totals = emptyTotals();
  for (const record of SAMPLE) countRecord(totals, record);
  return {
    id: 'sample',
    url: 'ws://example.test/feed',
    protocols: ['chat.v1'],
    binaryType: 'arraybuffer',
    startedAt: T0,
    endedAt: T0 + 10,
    status: 'closed',
    totals,
    ...overrides,
  };
}

/** Chunks of three records, so a round trip crosses chunk boundaries. */
export function chunksOf(records: UnnumberedRecord[]): ChunkBuilder[] {
  const chunks: ChunkBuilder[] = [];
  records.forEach((record, seq) => {
    if (seq % 3 === 0) chunks.push(new ChunkBuilder(seq));
    chunks.at(-1)?.append(record);
  });
  return chunks;
}

export async function* iterate<T>(items: T[]) {
  yield* items;
}

/** The sample session exported as the app exports it, its records formatted by two (in-thread) export workers. */
export async function exportText(format: ExportFormat, secrets: SecretVariable[] | null = null) {
  const chunks = chunksOf(SAMPLE).map((chunk) => chunk.snapshot());
  const { text } = await exportInThread({
    meta: sampleMeta(),
    chunks,
    count: SAMPLE.length,
    format,
    secrets,
    exportedAt: new Date(T0),
  });
  return text;
}

export async function importText(text: string | Uint8Array, name: string) {
  const storage = freshStorage();
  const profiles: { url: string; protocols: string[] }[] = [];
  const target = new StoredImport(storage.frames, storage.sessions, {
    add: (profile) => Promise.resolve(String(profiles.push(profile))),
    remove: () => Promise.resolve(),
  });
  const result = await importFile(new File([text as BlobPart], name), target);
  return { result, storage, profiles };
}

export async function readSession(
  storage: ReturnType<typeof freshStorage>,
  id: string,
): Promise<FrameRecord[]> {
  const session = await StoredSession.open(id, storage.frames);
  const records: FrameRecord[] = [];
  for await (const chunk of session.chunks()) {
    const { recordAt } = await import('../../../src/lib/record/chunk');
    for (let i = 0; i < chunk.count; i++) records.push(recordAt(chunk, i));
  }
  return records;
}

/** Bytes as base64: a deep comparison of a megabyte array element by element takes seconds. */
export function comparable(record: object) {
  return 'bytes' in record && record.bytes instanceof Uint8Array
    ? { ...record, bytes: Buffer.from(record.bytes).toString('base64') }
    : record;
}

/** HAR keeps no delivery type. */
export function withoutDelivery(record: FrameRecord): Omit<FrameRecord, 'binaryType'> {
  const copy = { ...record };
  if ('binaryType' in copy) delete copy.binaryType;
  return copy;
}

export function report(result: Awaited<ReturnType<typeof importText>>['result']): ImportReport {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
