import { describe, expect, it } from 'vitest';
import { ChunkBuilder, isStoredChunk, recordAt } from '../../../../src/lib/record/chunk';
import type { UnnumberedRecord } from '../../../../src/lib/model/frame';
import { text } from '../../fakes/records';

describe('ChunkBuilder', () => {
  it('stores every kind of record and gives it back unchanged', () => {
    const records: UnnumberedRecord[] = [
      { kind: 'note', t: 1, text: 'connecting' },
      { kind: 'open', t: 2, protocol: 'chat.v1', extensions: 'permessage-deflate' },
      text(3, 'héllo', 'out'),
      { kind: 'binary', dir: 'in', t: 4, bytes: new Uint8Array([1, 2]), size: 2, binaryType: 'blob' },
      { kind: 'binary', dir: 'in', t: 5, bytes: new Uint8Array([3]), size: 1, binaryType: 'arraybuffer' },
      { kind: 'binary', dir: 'out', t: 6, bytes: new Uint8Array(0), size: 0 },
      { kind: 'error', t: 7, message: 'failed' },
      { kind: 'close', t: 8, code: 1006, reason: '', wasClean: false },
    ];
    const builder = new ChunkBuilder(100, 2);
    for (const record of records) builder.append(record);
    const snapshot = builder.snapshot();
    // The snapshot survives structured cloning, as IndexedDB stores it.
    const stored = structuredClone(snapshot);
    expect(isStoredChunk(stored)).toBe(true);
    for (const chunk of [builder, stored]) {
      expect(records.map((_, i) => recordAt(chunk, i))).toEqual(
        records.map((r, i) => ({ ...r, seq: 100 + i })),
      );
    }
  });

  it('snapshots do not change when the builder goes on', () => {
    const builder = new ChunkBuilder(0);
    builder.append(text(1, 'a'));
    const first = builder.snapshot();
    builder.append(text(2, 'b'));
    expect(first.count).toBe(1);
    expect(first.payload).toEqual(['a']);
    expect(builder.snapshot().count).toBe(2);
  });

  it('refuses values that are not chunks', () => {
    expect(isStoredChunk(null)).toBe(false);
    expect(isStoredChunk({ v: 1, firstSeq: 0, count: 1, t: [1], size: [], flags: [], payload: [] })).toBe(
      false,
    );
    expect(isStoredChunk({ ...new ChunkBuilder(0).snapshot(), v: 2 })).toBe(false);
  });
});
