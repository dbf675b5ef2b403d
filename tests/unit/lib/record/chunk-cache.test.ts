import { describe, expect, it } from 'vitest';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { ChunkCache, chunkBytes } from '../../../../src/lib/record/chunk-cache';

function chunkAt(firstSeq: number, text = 'x'.repeat(50)) {
  const chunk = new ChunkBuilder(firstSeq);
  chunk.append({ kind: 'text', dir: 'in', t: 0, text, size: text.length });
  return chunk.snapshot();
}

describe('ChunkCache', () => {
  it('weighs chunks by their payloads', () => {
    expect(chunkBytes(chunkAt(0))).toBe(16 + 100);
  });

  it('drops the least recently used chunks past its budget', () => {
    const cache = new ChunkCache<number>(250);
    cache.set(0, chunkAt(0));
    cache.set(1, chunkAt(1));
    expect(cache.use(0)?.firstSeq).toBe(0);
    cache.set(2, chunkAt(2));
    expect(cache.peek(1)).toBeUndefined();
    expect(cache.peek(0)?.firstSeq).toBe(0);
    expect(cache.peek(2)?.firstSeq).toBe(2);
  });

  it('keeps pinned chunks and chunks used lately, even over budget', () => {
    let now = 0;
    const cache = new ChunkCache<number>(150, 1000, () => now);
    cache.set(0, chunkAt(0), 116, true);
    cache.set(1, chunkAt(1));
    expect(cache.peek(0)).toBeDefined();
    expect(cache.peek(1)).toBeDefined();
    now = 2000;
    cache.unpin(0);
    expect(cache.peek(0)).toBeUndefined();
    expect(cache.peek(1)).toBeDefined();
  });
});
