import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { exportBytes } from '../../../../src/lib/export/export-bytes';
import { ExportWorkerPool } from '../../../../src/lib/export/worker-pool';
import { RedactionPlan } from '../../../../src/lib/formats/redaction';
import { encode as encodeMsgpack } from '@msgpack/msgpack';
import { FramesDb } from '../../../../src/lib/persist/frames-db';
import { KeyvalStore } from '../../../../src/lib/persist/idb-store';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import { emptyTotals } from '../../../../src/lib/model/totals';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import type { StoredChunk } from '../../../../src/lib/record/chunk';
import { exportInThread, InThreadExportWorker } from '../../fakes/export-in-thread';
import { importText, readSession, report, sampleMeta, T0 } from '../../fakes/sample-session';

/** `counts[i]` records in chunk i: texts, with an open event first and a close event last. */
function chunks(counts: number[]): StoredChunk[] {
  let seq = 0;
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => {
    const builder = new ChunkBuilder(seq);
    for (let i = 0; i < count; i++, seq++) builder.append(recordFor(seq, total));
    return builder.snapshot();
  });
}

function recordFor(seq: number, total: number): UnnumberedRecord {
  if (seq === 0) return { kind: 'open', t: T0, protocol: 'chat.v1', extensions: '' };
  if (seq === total - 1) return { kind: 'close', t: T0 + seq, code: 1000, reason: 'bye', wasClean: true };
  const text = `{"n":${seq},"who":"ünïcode ${seq}"}`;
  return { kind: 'text', dir: seq % 2 ? 'in' : 'out', t: T0 + seq, text, size: text.length };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('exporting with export workers', () => {
  const meta = sampleMeta();
  // 40 chunks of 20 records, shared by the workers in turn.
  const session = chunks(Array.from({ length: 40 }, () => 20));
  const count = 800;

  it('writes the same file with two workers as with one, native and HAR, and it imports whole', async () => {
    for (const format of ['native', 'har'] as const) {
      const one = await exportInThread({ meta, chunks: session, count, format, workers: 1 });
      const two = await exportInThread({ meta, chunks: session, count, format, workers: 2 });
      expect(two.workers.map((worker) => worker.sent)).toEqual([20, 20]);
      expect(two.text).toBe(one.text);
      const { result, storage } = await importText(two.text, `s${format === 'har' ? '.har' : '.wsi.jsonl'}`);
      const records = await readSession(storage, report(result).sessionIds[0] as string);
      expect(records.filter((record) => record.kind === 'text')).toHaveLength(798);
      expect(records.at(-2)).toMatchObject({ kind: 'text', text: '{"n":798,"who":"ünïcode 798"}' });
    }
    const har = JSON.parse((await exportInThread({ meta, chunks: session, count, format: 'har' })).text);
    const entry = har.log.entries[0];
    expect(entry._webSocketMessages).toHaveLength(798);
    expect(entry._wsInspector.close).toMatchObject({ code: 1000, reason: 'bye' });
    expect(entry.response.headers).toContainEqual({ name: 'Sec-WebSocket-Protocol', value: 'chat.v1' });
  });

  it('writes an empty session without starting a worker', async () => {
    const { text, workers } = await exportInThread({ meta, chunks: [], count: 0, format: 'har' });
    expect(workers).toHaveLength(0);
    expect(JSON.parse(text).log.entries[0]._webSocketMessages).toEqual([]);
  });

  it('leaves out the records from the count on, and ends the native file with the count written', async () => {
    const { text } = await exportInThread({ meta, chunks: session, count: 455, format: 'native' });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(457);
    expect(JSON.parse(lines.at(-2) as string).seq).toBe(454);
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ count: 455 });
  });

  it('lists what every worker redacted, and counts the binary frames none could check', async () => {
    const secret = 'hunter2-secret';
    const records: UnnumberedRecord[] = Array.from({ length: 60 }, (_, seq) =>
      seq === 5 || seq === 55
        ? {
            kind: 'binary',
            dir: 'in',
            t: T0 + seq,
            bytes: new Uint8Array([0xff, 0x00, 0x13, 0x37, seq]),
            size: 5,
          }
        : seq === 50
          ? { kind: 'binary', dir: 'in', t: T0 + seq, bytes: encodeMsgpack({ token: 'x' }), size: 9 }
          : { kind: 'text', dir: 'out', t: T0 + seq, text: seq === 45 ? `{"k":"${secret}"}` : 'hi', size: 2 },
    );
    const split = [0, 20, 40].map((first) => {
      const builder = new ChunkBuilder(first);
      for (const record of records.slice(first, first + 20)) builder.append(record);
      return builder.snapshot();
    });
    for (const format of ['native', 'har'] as const) {
      // Chunk 0 goes to the first worker, chunk 1 to the second with the secret and the credential field.
      const found = await exportInThread({
        meta,
        chunks: split,
        count: 60,
        format,
        secrets: [{ name: 'apiKey', value: secret }],
        workers: 3,
        starts: [0, 20, 40],
      });
      expect(found.text).not.toContain(secret);
      expect(found.plan.uncheckedBinary).toBe(2);
      const listed = found.plan.redactions.map((redaction) => redaction.what);
      expect(listed).toContain('the value of secret variable “apiKey”');
      expect(listed).toContain('the value of a credential-named field in a binary message');
      if (format === 'har') {
        expect(JSON.parse(found.text).log.entries[0]._wsInspector.redactions).toEqual(found.plan.redactions);
      }
    }
  });

  it('reads saved chunks from storage in the worker, and takes unsaved ones from the page', async () => {
    const frames = new FramesDb(new KeyvalStore('export-workers-1', 'frames'));
    await frames.write(meta.id, session.slice(0, 30), { lastSeq: 599, totals: emptyTotals(), flushedAt: 0 });
    const starts = session.map((chunk) => chunk.firstSeq);
    const fromStorage = await exportInThread({
      meta,
      chunks: session.slice(30),
      starts,
      count,
      format: 'native',
      frames,
    });
    expect(fromStorage.text).toBe(
      (await exportInThread({ meta, chunks: session, count, format: 'native' })).text,
    );

    const missing = exportInThread({ meta, chunks: [], starts, count, format: 'native', frames });
    await expect(missing).rejects.toThrow('the records from 600 on are missing from storage');
  });

  it('keeps each worker no more than two chunks ahead of the page, and ends the workers when stopped', async () => {
    const workers: InThreadExportWorker[] = [];
    const pool = new ExportWorkerPool(() => {
      const worker = new InThreadExportWorker();
      workers.push(worker);
      return worker;
    }, 2);
    const parts = exportBytes(
      { sessionId: meta.id, starts: session.map((chunk) => chunk.firstSeq), unsaved: session, count },
      {
        meta,
        format: 'native',
        secrets: null,
        plan: RedactionPlan.none(meta.url, []),
        exportedAt: new Date(T0),
      },
      pool,
    );
    await parts.next(); // the header
    await parts.next(); // the first chunk, the first worker's
    const settle = async () => {
      for (let i = 0; i < 20; i++) await tick();
    };
    await settle();
    expect(workers.map((worker) => worker.sent)).toEqual([2, 2]);
    // Taking the next chunk tells the first worker that the page took its first: it may send one more.
    await parts.next();
    await settle();
    expect(workers.map((worker) => worker.sent)).toEqual([3, 2]);
    // A download cancelled half way: its workers may be mid-job, so they are ended, and the next export has new ones.
    await parts.return(undefined);
    expect(workers.map((worker) => worker.terminated)).toEqual([true, true]);
    await exportInThread({ meta, chunks: session, count, format: 'native', pool });
    expect(workers).toHaveLength(4);
  });

  it('keeps its workers for the next export, and ends them once idle', async () => {
    const workers: InThreadExportWorker[] = [];
    const create = () => {
      const worker = new InThreadExportWorker();
      workers.push(worker);
      return worker;
    };
    const pool = new ExportWorkerPool(create, 2, 100);
    const run = () => exportInThread({ meta, chunks: session, count, format: 'har', pool });
    const first = await run();
    const again = await run();
    expect(again.text).toBe(first.text);
    // The same two workers did both exports, and wait for a third.
    expect(workers).toHaveLength(2);
    expect(workers.map((worker) => worker.received.filter((m) => m.type === 'start').length)).toEqual([2, 2]);
    expect(workers.some((worker) => worker.terminated)).toBe(false);
    await vi.waitFor(() => expect(workers.every((worker) => worker.terminated)).toBe(true));
  });
});
