import { describe, expect, it } from 'vitest';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { ChunkPager } from '../../../../src/lib/record/chunk-pager';
import type { StoredChunk } from '../../../../src/lib/record/chunk';
import { text } from '../../fakes/records';

describe('ChunkPager', () => {
  it('finds chunks by seq, loads missing ones once and drops the least recently used', async () => {
    const chunks = new Map<number, StoredChunk>();
    for (const start of [0, 10, 20]) {
      const builder = new ChunkBuilder(start);
      for (let i = 0; i < 10; i++) builder.append(text(start + i, 'x'.repeat(100)));
      chunks.set(start, builder.snapshot());
    }
    const loads: number[] = [];
    let changed = 0;
    let clock = 0;
    const pager = new ChunkPager(
      async (start) => {
        loads.push(start);
        return chunks.get(start);
      },
      2500, // room for one chunk of ten 200-byte payloads
      () => clock,
    );
    pager.on('loaded', () => changed++);
    for (const start of chunks.keys()) pager.addStart(start);
    expect(() => pager.addStart(5)).toThrow();
    expect(pager.chunkStartFor(-1)).toBeUndefined();
    expect(pager.chunkStartFor(19)).toBe(10);
    expect(pager.chunkStartFor(1000)).toBe(20);

    expect(pager.at(15)).toBeUndefined();
    expect(pager.at(12)).toBeUndefined();
    await expect.poll(() => changed).toBe(1);
    expect(loads).toEqual([10]);
    expect(pager.at(15)).toMatchObject({ seq: 15, t: 15 });

    // Chunks read within the last second hold the rows on screen: kept even over budget.
    clock += 2000;
    pager.at(25);
    await expect.poll(() => changed).toBe(2);
    expect(pager.at(25)).toMatchObject({ seq: 25 });
    // Chunk 10 was evicted to make room for chunk 20.
    expect(pager.at(15)).toBeUndefined();
    await expect.poll(() => loads).toEqual([10, 20, 10]);
  });

  it('remembers a chunk that cannot be read', async () => {
    const pager = new ChunkPager(() => Promise.reject(new Error('disk gone')), 1000);
    pager.addStart(0);
    pager.at(3);
    await expect.poll(() => pager.failure(3)).toBe('Could not read this frame: disk gone');
    expect(pager.at(3)).toBeUndefined();
  });

  it('reads the next chunk while one is exported, and reports a failed read where it is reached', async () => {
    const reads: number[] = [];
    const pager = new ChunkPager(async (start) => {
      reads.push(start);
      if (start === 20) throw new Error('disk gone');
      const builder = new ChunkBuilder(start);
      builder.append(text(start, 'x'));
      return builder.snapshot();
    }, 0);
    for (const start of [0, 10, 20]) pager.addStart(start);
    const chunks = pager.chunks()[Symbol.asyncIterator]();
    expect((await chunks.next()).value?.firstSeq).toBe(0);
    // Chunk 10 is under way before it is asked for.
    expect(reads).toEqual([0, 10]);
    expect((await chunks.next()).value?.firstSeq).toBe(10);
    await expect(chunks.next()).rejects.toThrow('disk gone');

    // Stopping early leaves no read to fail unnoticed: its error is dropped with it.
    const early = pager.chunks()[Symbol.asyncIterator]();
    await early.next();
    await early.next();
    await early.return(undefined);
  });
});
