import { describe, expect, it } from 'vitest';
import type { FrameWriter } from '../../../../src/lib/record/frame-store';
import type { PersistState } from '../../../../src/lib/record/recorder';
import { Recorder } from '../../../../src/lib/record/recorder';
import { text } from '../../fakes/records';
import { MemoryWriter } from '../../fakes/memory-writer';

function recorder(options: { maxChunkRecords?: number; maxChunkBytes?: number } = {}) {
  const writer = new MemoryWriter();
  const timers: (() => void)[] = [];
  const states: PersistState[] = [];
  let clock = 1000;
  const rec = new Recorder(
    'session',
    writer,
    {
      ...options,
      now: () => clock,
      setTimer: (callback) => timers.push(callback),
    },
    async (start) => writer.chunks.get(start),
  );
  rec.on('persist', (state) => states.push(state));
  const runTimers = async () => {
    for (const timer of timers.splice(0)) timer();
    await rec.flush();
  };
  return { rec, writer, states, runTimers, advance: (ms: number) => (clock += ms) };
}

describe('Recorder', () => {
  it('numbers records, writes them in chunks with a head, and loses none', async () => {
    const { rec, writer, runTimers } = recorder({ maxChunkRecords: 4 });
    for (let i = 0; i < 10; i++) expect(rec.append(text(i, `m${i}`))).toBe(i);
    expect(writer.writes).toBe(0);
    await runTimers();
    expect(writer.writes).toBe(1);
    expect([...writer.chunks.keys()]).toEqual([0, 4, 8]);
    expect(writer.head).toMatchObject({
      lastSeq: 9,
      totals: { records: 10, received: 10, bytesReceived: 20 },
    });
    expect(writer.records().map((r) => r.seq)).toEqual([...Array(10).keys()]);

    // The open chunk's new record is written as a piece of its own; closed chunks are not written again.
    rec.append(text(10, 'm10'));
    await runTimers();
    expect(writer.writes).toBe(2);
    expect(writer.lastBatch.map((c) => [c.firstSeq, c.count])).toEqual([[10, 1]]);
    expect(writer.records().map((r) => r.seq)).toEqual([...Array(11).keys()]);
    expect(rec.savedCount).toBe(11);
  });

  it('writes the open chunk in pieces, then whole once it closes, which replaces the pieces', async () => {
    const { rec, writer, runTimers } = recorder({ maxChunkRecords: 4 });
    rec.append(text(0, 'a'));
    rec.append(text(1, 'b'));
    await runTimers();
    rec.append(text(2, 'c'));
    await runTimers();
    expect([...writer.chunks.keys()]).toEqual([0, 2]);
    // Stored in pieces, so a reader of storage by the chunk's start would get part of it: it comes from memory.
    expect(rec.unsavedChunks().map((c) => [c.firstSeq, c.count])).toEqual([[0, 3]]);

    rec.append(text(3, 'd'));
    rec.append(text(4, 'e'));
    await runTimers();
    expect(writer.lastBatch.map((c) => [c.firstSeq, c.count])).toEqual([
      [0, 4],
      [4, 1],
    ]);
    expect([...writer.chunks.keys()]).toEqual([0, 4]);
    expect(writer.records().map((r) => r.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(rec.unsavedChunks().map((c) => [c.firstSeq, c.count])).toEqual([[4, 1]]);

    rec.append(text(5, 'f'));
    await rec.finish();
    // Finishing writes the last chunk whole.
    expect([...writer.chunks.keys()]).toEqual([0, 4]);
    expect(writer.chunks.get(4)?.count).toBe(2);
    expect(rec.unsavedChunks()).toEqual([]);
  });

  it('a piece holds the events of its own records, numbered from its start', async () => {
    const { rec, writer, runTimers } = recorder();
    rec.append(text(0, 'a'));
    await runTimers();
    rec.append({ kind: 'error', t: 1, message: 'refused' });
    rec.append(text(2, 'c'));
    await runTimers();
    expect(writer.records().map((r) => [r.seq, r.kind])).toEqual([
      [0, 'text'],
      [1, 'error'],
      [2, 'text'],
    ]);
    expect(writer.records()[1]).toMatchObject({ message: 'refused' });
  });

  it('closes a chunk when it reaches its byte limit', async () => {
    const { rec, writer, runTimers } = recorder({ maxChunkBytes: 1000 });
    for (let i = 0; i < 5; i++) rec.append(text(i, 'x'.repeat(400)));
    await runTimers();
    expect([...writer.chunks.keys()]).toEqual([0, 2, 4]);
  });

  it('schedules one flush per interval, however many records arrive', () => {
    const { rec } = recorder();
    let scheduled = 0;
    const counting = new Recorder('s', new MemoryWriter(), { setTimer: () => scheduled++ });
    for (let i = 0; i < 1000; i++) counting.append(text(i, 'x'));
    expect(scheduled).toBe(1);
    expect(rec.length).toBe(0);
  });

  it('measures persistence lag from each record to its commit', async () => {
    const { rec, runTimers, advance } = recorder();
    rec.append(text(1000, 'a'));
    rec.append(text(1100, 'b'));
    advance(150); // commit at 1150
    await runTimers();
    expect(rec.lag.count).toBe(2);
    expect(rec.lag.percentile(0.5)).toBe(50);
    expect(rec.lag.percentile(1)).toBe(150);
  });

  it('on a full disk keeps every record in memory, stops writing, and saves it all on retry', async () => {
    const { rec, writer, states, runTimers } = recorder({ maxChunkRecords: 2 });
    for (let i = 0; i < 3; i++) rec.append(text(i, `a${i}`));
    await runTimers();
    expect(writer.records()).toHaveLength(3);

    writer.failWith = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    for (let i = 3; i < 9; i++) rec.append(text(i, `b${i}`));
    await runTimers();
    expect(states.at(-1)).toEqual({
      kind: 'failed',
      quota: true,
      message: expect.any(String),
      unsavedRecords: 6,
    });
    const writesWhenFailed = writer.writes;
    rec.append(text(9, 'c9'));
    await runTimers();
    expect(writer.writes).toBe(writesWhenFailed);
    // Nothing is lost while unsaved: every record can still be read.
    expect(Array.from({ length: 10 }, (_, seq) => rec.at(seq)?.seq)).toEqual([...Array(10).keys()]);

    writer.failWith = null;
    await rec.retry();
    expect(writer.reopened).toBe(1);
    expect(states.at(-1)).toEqual({ kind: 'saving' });
    expect(writer.records().map((r) => r.seq)).toEqual([...Array(10).keys()]);
    expect(writer.head?.lastSeq).toBe(9);
  });

  it('recognises a quota error wrapped in an AbortError', async () => {
    const { rec, writer, states, runTimers } = recorder();
    writer.failWith = new DOMException('Transaction aborted: quota exceeded', 'AbortError');
    rec.append(text(0, 'a'));
    await runTimers();
    expect(states.at(-1)).toMatchObject({ kind: 'failed', quota: true });
  });

  it('finishes by writing what is left and taking no more', async () => {
    const { rec, writer, states } = recorder();
    rec.append(text(0, 'last words'));
    await rec.finish();
    expect(writer.records()).toHaveLength(1);
    expect(states.at(-1)).toEqual({ kind: 'finished' });
    expect(() => rec.append(text(1, 'too late'))).toThrow();
  });

  it('keeps a chunk that filled up during a write in memory until it is saved whole', async () => {
    const writer = new MemoryWriter();
    let release = () => {};
    const slowWriter: FrameWriter = {
      write: (id, chunks, head) =>
        new Promise<void>((resolve) => (release = resolve)).then(() => writer.write(id, chunks, head)),
      reopen: async () => {},
    };
    let clock = 0;
    const rec = new Recorder(
      's',
      slowWriter,
      { maxChunkRecords: 4, cacheBytes: 1, setTimer: () => {}, now: () => clock },
      async (start) => writer.chunks.get(start),
    );
    for (let i = 0; i < 2; i++) rec.append(text(i, `a${i}`));
    const firstWrite = rec.flush();
    // While the first write is under way, chunk 0 takes two more records, closes, and chunk 4 begins.
    for (let i = 2; i < 6; i++) rec.append(text(i, `b${i}`));
    clock += 5000;
    release();
    await firstWrite;
    expect(writer.chunks.get(0)?.count).toBe(2);
    // Records 2 and 3 are not in storage yet: they must still come from memory.
    expect(rec.at(3)?.seq).toBe(3);
    const secondWrite = rec.flush();
    release();
    await secondWrite;
    expect(writer.records().map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    // Chunk 0 was a piece of two records when it closed: it is now stored whole.
    expect([...writer.chunks.keys()]).toEqual([0, 4]);
    expect(writer.chunks.get(0)?.count).toBe(4);
  });

  it('reads back chunks the cache let go', async () => {
    const writer = new MemoryWriter();
    let clock = 0;
    const rec = new Recorder(
      's',
      writer,
      { maxChunkRecords: 10, cacheBytes: 1, setTimer: () => {}, now: () => clock },
      async (start) => writer.chunks.get(start),
    );
    for (let i = 0; i < 50; i++) rec.append(text(i, 'payload'));
    clock += 2000;
    await rec.flush();
    expect(rec.at(49)?.seq).toBe(49);
    expect(rec.at(5)).toBeUndefined();
    await expect.poll(() => rec.at(5)?.seq).toBe(5);
  });
});
