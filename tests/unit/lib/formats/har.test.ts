import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import {
  T0,
  SAMPLE,
  exportText,
  importText,
  readSession,
  comparable,
  withoutDelivery,
  report,
} from '../../fakes/sample-session';

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

  it("imports Playwright's recordHar, whose message times are epoch milliseconds, deciding the unit per entry", async () => {
    const started = Date.UTC(2026, 10, 30, 6, 2, 22, 405);
    const entry = (url: string, startedDateTime: string | undefined, times: number[]) => ({
      _resourceType: 'websocket',
      ...(startedDateTime === undefined ? {} : { startedDateTime }),
      request: { method: 'GET', url, headers: [] },
      response: { status: 101, headers: [] },
      _webSocketMessages: times.map((time, i) => ({
        type: i ? 'receive' : 'send',
        time,
        opcode: 1,
        data: `m${i}`,
      })),
    });
    const har = {
      log: {
        creator: { name: 'Playwright', version: '1.65.1' },
        entries: [
          entry('ws://pw.test/ms', new Date(started).toISOString(), [started + 102.669, started + 112.691]),
          entry('ws://chrome.test/s', new Date(started).toISOString(), [(started + 50) / 1000]),
          // No start to compare with: a time that is a date only in milliseconds is milliseconds.
          entry('ws://pw.test/no-start', undefined, [started + 7]),
        ],
      },
    };
    const { result, storage } = await importText(JSON.stringify(har), 'playwright.har');
    const imported = report(result);
    expect(imported.skipped).toEqual({});
    expect(imported.sessionIds).toHaveLength(3);
    const [ms, seconds, noStart] = await Promise.all(
      imported.sessionIds.map((id) => readSession(storage, id)),
    );
    expect(ms?.map((r) => [r.kind, r.t])).toEqual([
      ['open', started],
      ['text', started + 102.669],
      ['text', started + 112.691],
    ]);
    expect(seconds?.[1]?.t).toBeCloseTo(started + 50, 3);
    expect(noStart?.[1]?.t).toBe(started + 7);
    expect((await storage.sessions.get(imported.sessionIds[2] ?? ''))?.startedAt).toBe(started + 7);
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
