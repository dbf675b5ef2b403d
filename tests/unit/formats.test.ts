import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../src/lib/formats/export-session';
import { exportFileName, exportSession } from '../../src/lib/formats/export-session';
import type { ImportReport } from '../../src/lib/formats/import-file';
import { importFile } from '../../src/lib/formats/import-file';
import { readLines } from '../../src/lib/formats/lines';
import { utf8Length } from '../../src/lib/encoding/utf8';
import { RedactionPlan, secretPartOfProtocol } from '../../src/lib/formats/redaction';
import { decodeShareFragment, encodeShareFragment, sharedFragment } from '../../src/lib/formats/share-link';
import { FramesDb } from '../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../src/lib/persist/idb-store';
import { StoredImport } from '../../src/lib/import/stored-import';
import type { SessionMeta } from '../../src/lib/model/session';
import { SessionsDb } from '../../src/lib/persist/sessions-db';
import { ChunkBuilder } from '../../src/lib/record/chunk';
import { StoredSession } from '../../src/lib/record/stored-session';
import { countRecord, emptyTotals } from '../../src/lib/model/totals';
import type { FrameRecord, UnnumberedRecord } from '../../src/lib/model/frame';

let dbCount = 0;
export function freshStorage() {
  dbCount++;
  return {
    frames: new FramesDb(new KeyvalStore(`formats-frames-${dbCount}`, 'frames')),
    sessions: new SessionsDb(new KeyvalStore(`formats-sessions-${dbCount}`, 'sessions')),
  };
}

const T0 = Date.UTC(2026, 10, 22, 4, 0, 0) + 0.25;
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
function chunksOf(records: UnnumberedRecord[]): ChunkBuilder[] {
  const chunks: ChunkBuilder[] = [];
  records.forEach((record, seq) => {
    if (seq % 3 === 0) chunks.push(new ChunkBuilder(seq));
    chunks.at(-1)?.append(record);
  });
  return chunks;
}

async function* iterate<T>(items: T[]) {
  yield* items;
}

async function exportText(format: ExportFormat, plan = RedactionPlan.none(sampleMeta().url, ['chat.v1'])) {
  const parts: string[] = [];
  const pieces = exportSession(
    sampleMeta(),
    iterate(chunksOf(SAMPLE)),
    SAMPLE.length,
    format,
    plan,
    new Date(T0),
  );
  for await (const piece of pieces) parts.push(piece);
  return parts.join('');
}

async function importText(text: string | Uint8Array, name: string) {
  const storage = freshStorage();
  const profiles: { url: string; protocols: string[] }[] = [];
  const target = new StoredImport(storage.frames, storage.sessions, (profile) => {
    profiles.push(profile);
    return Promise.resolve();
  });
  const result = await importFile(new File([text as BlobPart], name), target);
  return { result, storage, profiles };
}

async function readSession(storage: ReturnType<typeof freshStorage>, id: string): Promise<FrameRecord[]> {
  const session = await StoredSession.open(id, storage.frames, () => undefined);
  const records: FrameRecord[] = [];
  for await (const chunk of session.chunks()) {
    const { recordAt } = await import('../../src/lib/record/chunk');
    for (let i = 0; i < chunk.count; i++) records.push(recordAt(chunk, i));
  }
  return records;
}

/** Bytes as base64: a deep comparison of a megabyte array element by element takes seconds. */
function comparable(record: object) {
  return 'bytes' in record && record.bytes instanceof Uint8Array
    ? { ...record, bytes: Buffer.from(record.bytes).toString('base64') }
    : record;
}

/** HAR keeps no delivery type. */
function withoutDelivery(record: FrameRecord): Omit<FrameRecord, 'binaryType'> {
  const copy = { ...record };
  if ('binaryType' in copy) delete copy.binaryType;
  return copy;
}

function report(result: Awaited<ReturnType<typeof importText>>['result']): ImportReport {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('native format', () => {
  it('round-trips every kind of record, byte for byte and to the microsecond', async () => {
    const text = await exportText('native');
    const lines = text.trimEnd().split('\n');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ format: 'wsi-session', v: 1, redactions: [] });
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({ end: true, count: SAMPLE.length });

    const { result, storage } = await importText(text, 'feed.wsi.jsonl');
    const imported = report(result);
    expect(imported).toMatchObject({ records: SAMPLE.length, skipped: {}, warnings: [] });
    const [id] = imported.sessionIds;
    const meta = await storage.sessions.get(id ?? '');
    expect(meta).toMatchObject({
      status: 'imported',
      url: sampleMeta().url,
      source: 'feed.wsi.jsonl (WS Inspector)',
    });
    expect(meta?.totals).toEqual(sampleMeta().totals);
    const records = await readSession(storage, id ?? '');
    expect(records.map(comparable)).toEqual(SAMPLE.map((record, seq) => comparable({ ...record, seq })));
  });

  it('opens a file cut short with a warning, and keeps every whole record', async () => {
    const text = await exportText('native');
    const cut = text.slice(0, text.indexOf('"kind":"error"') - 20);
    const imported = report((await importText(cut, 'cut.wsi.jsonl')).result);
    expect(imported.warnings.join(' ')).toMatch(/cut short/);
    expect(imported.records).toBe(SAMPLE.length - 2);
    expect(imported.skipped).toEqual({ 'not JSON': 1 });
  });

  it('refuses a newer major version, and a file that is neither format', async () => {
    const newer = `{"format":"wsi-session","v":2,"session":{}}\n{"end":true,"count":0}\n`;
    const refused = (await importText(newer, 'new.wsi.jsonl')).result;
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(/newer WS Inspector \(format version 2\)/),
    });
    const neither = (await importText('hello\nworld', 'notes.txt')).result;
    expect(neither).toEqual({ ok: false, error: expect.stringMatching(/neither a WS Inspector session/) });
  });

  it('counts and skips bad records, by reason', async () => {
    const header = '{"format":"wsi-session","v":1,"session":{"url":"ws://x.test/"}}';
    const lines = [
      header,
      '{"seq":0,"t":1,"dir":"in","kind":"text","data":"ok"}',
      '{"seq":1,"t":"soon","dir":"in","kind":"text","data":"bad time"}',
      '{"seq":2,"t":1e300,"dir":"in","kind":"text","data":"huge time"}',
      '{"seq":3,"t":2,"dir":"in","kind":"binary","b64":"***"}',
      '{"seq":4,"t":3,"kind":"teleport"}',
      '[1,2,3]',
      '{"end":true,"count":6}',
    ];
    const imported = report((await importText(lines.join('\n'), 'bad.wsi.jsonl')).result);
    expect(imported.records).toBe(1);
    expect(imported.skipped).toEqual({
      'missing or impossible time': 2,
      'binary message with invalid base64': 1,
      'unknown kind of record': 1,
      'not a JSON object': 1,
    });
    expect(imported.warnings).toEqual([]);
  });
});

describe('HAR', () => {
  it('round-trips messages and our events, with the close code in our own field', async () => {
    const text = await exportText('har');
    const har = JSON.parse(text);
    const [entry] = har.log.entries;
    expect(entry).toMatchObject({
      _resourceType: 'websocket',
      request: { method: 'GET', url: 'ws://example.test/feed' },
      response: { status: 101 },
      _wsInspector: { close: { code: 4001, reason: 'bye “now”', wasClean: true } },
    });
    expect(entry._webSocketMessages[0]).toEqual({
      type: 'send',
      time: (T0 + 2.125) / 1000,
      opcode: 1,
      data: 'hello',
    });
    expect(entry._webSocketMessages[3]).toEqual({
      type: 'receive',
      time: (T0 + 5) / 1000,
      opcode: 2,
      data: 'AAEC/w==',
    });

    const { result, storage } = await importText(text, 'feed.har');
    const imported = report(result);
    const records = await readSession(storage, imported.sessionIds[0] ?? '');
    // HAR keeps no delivery type, and its times are seconds: equal to well under a microsecond.
    expect(records).toHaveLength(SAMPLE.length);
    records.forEach((record, seq) => {
      const { t, ...rest } = withoutDelivery(record);
      const { t: sampleT, ...expected } = withoutDelivery({ ...(SAMPLE[seq] as UnnumberedRecord), seq });
      expect(comparable(rest)).toEqual(comparable(expected));
      expect(Math.abs(t - sampleT)).toBeLessThan(0.001);
    });
  });

  it('imports a HAR the way Chrome writes it: one session per WebSocket entry, the rest counted', async () => {
    const chrome = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [{ id: 'page_1', title: 'http://localhost:8787/' }],
        entries: [
          {
            request: { method: 'GET', url: 'http://localhost:8787/' },
            response: { status: 200 },
            _resourceType: 'document',
          },
          {
            _resourceType: 'websocket',
            startedDateTime: '2026-11-22T04:00:00.000Z',
            time: 1500,
            request: {
              method: 'GET',
              url: 'wss://stream.example/ws?token=abc',
              headers: [{ name: 'Sec-WebSocket-Protocol', value: 'json.v1, chat.v1' }],
            },
            response: { status: 101, headers: [{ name: 'sec-websocket-protocol', value: 'json.v1' }] },
            _webSocketMessages: [
              { type: 'send', time: 1763784000.1, opcode: 1, data: '{"subscribe":"btc"}' },
              { type: 'receive', time: 1763784000.2, opcode: 1, data: '{"price":1}' },
              { type: 'receive', time: 1763784000.3, opcode: 2, data: 'AQID' },
              { type: 'receive', time: 1763784000.4, opcode: 9, data: '' },
            ],
          },
        ],
      },
    };
    const { result, storage } = await importText(JSON.stringify(chrome), 'chrome.har');
    const imported = report(result);
    expect(imported).toMatchObject({
      records: 4,
      otherEntries: 1,
      skipped: { 'control frame or unknown opcode': 1 },
    });
    const meta = await storage.sessions.get(imported.sessionIds[0] ?? '');
    expect(meta).toMatchObject({
      url: 'wss://stream.example/ws?token=abc',
      protocols: ['json.v1', 'chat.v1'],
      endedAt: Date.parse('2026-11-22T04:00:01.500Z'),
    });
    const records = await readSession(storage, imported.sessionIds[0] ?? '');
    expect(records[0]).toMatchObject({ kind: 'open', protocol: 'json.v1' });
    expect(records[3]).toMatchObject({ kind: 'binary', dir: 'in', bytes: new Uint8Array([1, 2, 3]) });
  });

  it('turns a Firefox WebSocket entry, which has no messages, into a profile and says why', async () => {
    const firefox = {
      log: {
        entries: [{ request: { url: 'wss://ff.example/live', headers: [] }, response: { status: 101 } }],
      },
    };
    const { result, profiles } = await importText(JSON.stringify(firefox), 'firefox.har');
    const imported = report(result);
    expect(imported.sessionIds).toEqual([]);
    expect(profiles).toEqual([{ url: 'wss://ff.example/live', protocols: [] }]);
    expect(imported.warnings.join(' ')).toMatch(/Firefox does not save WebSocket messages/);
  });

  it('refuses JSON that is not HAR, and HAR without WebSockets', async () => {
    expect((await importText('{"hello":1}', 'x.har')).result).toMatchObject({
      ok: false,
      error: /no log.entries/,
    });
    const pagesOnly = JSON.stringify({ log: { entries: [{ request: { url: 'https://a.test/' } }] } });
    expect((await importText(pagesOnly, 'y.har')).result).toMatchObject({ ok: false, error: /no WebSocket/ });
  });
});

describe('redaction', () => {
  const url = 'wss://alice:hunter2pass@api.example/ws?room=lobby&access_token=tok_live_123456&sig=abcdef123';
  const protocols = [
    'json.v1',
    'base64url.bearer.authorization.k8s.io.ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNklp',
  ];
  const plan = RedactionPlan.for(url, protocols, [{ name: 'apiKey', value: 'k-secret-42' }]);

  it('redacts userinfo, credential query values and a token subprotocol, and says what without the values', () => {
    expect(plan.url).toBe(
      'wss://REDACTED:REDACTED@api.example/ws?room=lobby&access_token=REDACTED&sig=REDACTED',
    );
    expect(plan.protocols).toEqual(['json.v1', 'base64url.bearer.authorization.k8s.io.REDACTED']);
    const listed = JSON.stringify(plan.redactions);
    expect(listed).toMatch(/user name and password/);
    expect(listed).toMatch(/access_token/);
    expect(listed).toMatch(/apiKey/);
    for (const secret of ['hunter2pass', 'tok_live_123456', 'abcdef123', 'ZXlKaGJH', 'k-secret-42']) {
      expect(listed).not.toContain(secret);
    }
  });

  it('replaces the secrets wherever a text holds them', () => {
    expect(plan.text(`Connecting to ${url} offering ${protocols.join(', ')}`)).not.toMatch(
      /hunter2pass|tok_live_123456|abcdef123|ZXlKaGJH/,
    );
    expect(plan.text('{"login":"k-secret-42","room":"lobby"}')).toBe('{"login":"REDACTED","room":"lobby"}');
  });

  it('keeps ordinary subprotocols and finds tokens in unusual ones', () => {
    expect(secretPartOfProtocol('chat.v1')).toBeNull();
    expect(secretPartOfProtocol('graphql-transport-ws')).toBeNull();
    expect(secretPartOfProtocol('access_token.eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.sig')).toMatch(/^eyJ/);
    expect(secretPartOfProtocol('Q2xpZW50U2VjcmV0MTIzNDU2Nzg5MGFiY2Rl')).toBe(
      'Q2xpZW50U2VjcmV0MTIzNDU2Nzg5MGFiY2Rl',
    );
  });

  it('leaves no secret in an export and lists the redactions in the header', async () => {
    const meta = sampleMeta({ url, protocols });
    const records: UnnumberedRecord[] = [
      { kind: 'note', t: T0, text: `Connecting to ${url} offering ${protocols.join(', ')}` },
      { kind: 'text', dir: 'out', t: T0 + 1, text: '{"apiKey":"k-secret-42"}', size: 24 },
    ];
    for (const format of ['native', 'har'] as const) {
      const parts: string[] = [];
      for await (const piece of exportSession(
        meta,
        iterate(chunksOf(records)),
        2,
        format,
        plan,
        new Date(),
      )) {
        parts.push(piece);
      }
      const text = parts.join('');
      expect(text).not.toMatch(/hunter2pass|tok_live_123456|abcdef123|ZXlKaGJH|k-secret-42/);
      expect(text).toContain('REDACTED');
    }
  });
});

describe('share links and file names', () => {
  it('carries a small session in the fragment and gives it back unchanged', async () => {
    const text = await exportText('native');
    const small = text
      .split('\n')
      .filter((line) => line.length < 1000)
      .join('\n');
    const encoded = await encodeShareFragment(new Blob([small]));
    if (!encoded.ok) throw new Error(encoded.error);
    const fragment = sharedFragment(`#${encoded.value}`);
    const decoded = await decodeShareFragment(fragment ?? '');
    if (!decoded.ok) throw new Error(decoded.error);
    expect(await decoded.value.text()).toBe(small);
  });

  it('refuses a session too large for a link, and explains a damaged one', async () => {
    const random = crypto.getRandomValues(new Uint8Array(60_000));
    expect(await encodeShareFragment(new Blob([random]))).toMatchObject({
      ok: false,
      error: /too large for a link/,
    });
    expect(await decodeShareFragment('!!')).toMatchObject({ ok: false, error: /damaged/ });
    expect(await decodeShareFragment('AAAA')).toMatchObject({ ok: false, error: /damaged/ });
  });

  it('names files after the session', () => {
    expect(exportFileName(sampleMeta(), 'native')).toBe('example.test-feed-2026-11-22T04-00-00.wsi.jsonl');
    expect(exportFileName(sampleMeta({ name: 'My feed / prod' }), 'har')).toBe(
      'My-feed-prod-2026-11-22T04-00-00.har',
    );
  });
});

describe('readLines', () => {
  it('splits across chunk boundaries, drops over-long lines as they stream, and handles CRLF', async () => {
    const bytes = new TextEncoder().encode(`a\r\n${'x'.repeat(50)}\nb\nlast`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.subarray(i, i + 7));
        controller.close();
      },
    });
    const lines = [];
    for await (const line of readLines(stream, 20)) lines.push(line);
    expect(lines).toEqual([
      { text: 'a', tooLong: false },
      { text: '', tooLong: true },
      { text: 'b', tooLong: false },
      { text: 'last', tooLong: false },
    ]);
  });
});
