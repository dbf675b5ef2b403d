import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  SAMPLE,
  sampleMeta,
  exportText,
  importText,
  readSession,
  comparable,
  report,
} from '../../fakes/sample-session';

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
