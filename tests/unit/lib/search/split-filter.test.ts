import { describe, expect, it } from 'vitest';
import { ChunkBuilder } from '../../../../src/lib/record/chunk';
import { EMPTY_FILTER } from '../../../../src/lib/search/filter';
import type { WorkerReply } from '../../../../src/lib/search/search-protocol';
import { splitFilter, SplitReplies } from '../../../../src/lib/search/split-filter';

const starts = Array.from({ length: 10 }, (_, i) => i * 100);
const job = {
  type: 'filter' as const,
  sessionId: 's',
  starts,
  unsaved: [],
  decoder: null,
  spec: EMPTY_FILTER,
  fromSeq: 0,
  toSeq: 1000,
};

function unsavedChunk(firstSeq: number) {
  const chunk = new ChunkBuilder(firstSeq);
  chunk.append({ kind: 'text', dir: 'in', t: 0, text: 'x', size: 1 });
  return chunk.snapshot();
}

describe('splitFilter', () => {
  it('splits at the chunk start in the middle of the records asked for, and not a short range', () => {
    const [first, second] = splitFilter(job) ?? [];
    expect([first?.fromSeq, first?.toSeq, second?.fromSeq, second?.toSeq]).toEqual([0, 500, 500, 1000]);
    expect(second?.warmFromSeq).toBeUndefined();
    const [, later] = splitFilter({ ...job, fromSeq: 250 }) ?? [];
    expect(later?.fromSeq).toBe(600);
    expect(splitFilter({ ...job, fromSeq: 350 })).toBeNull();
  });

  it('warms a decoder up on the chunk before the second half, and gives each half its unsaved chunks', () => {
    const decoder = { id: 'socket-io', facts: { url: 'ws://x/socket.io/?EIO=4', protocol: '' } };
    const unsaved = [unsavedChunk(400), unsavedChunk(900)];
    const [first, second] = splitFilter({ ...job, decoder, unsaved }) ?? [];
    expect(second?.warmFromSeq).toBe(400);
    expect(first?.unsaved.map((chunk) => chunk.firstSeq)).toEqual([400]);
    expect(second?.unsaved.map((chunk) => chunk.firstSeq)).toEqual([400, 900]);
  });
});

describe('SplitReplies', () => {
  const progress = (matches: number[], scannedTo: number): WorkerReply => ({
    id: 1,
    type: 'progress',
    matches: Uint32Array.from(matches),
    scannedTo,
  });
  const done = (scannedTo: number, warnings: string[] = []): WorkerReply => ({
    id: 1,
    type: 'done',
    scannedTo,
    warnings,
  });

  it('passes the first half on at once and holds the second until the first is done, then ends once', () => {
    const delivered: WorkerReply[] = [];
    const replies = new SplitReplies((reply) => delivered.push(reply));
    replies.receive(1, progress([600], 700));
    replies.receive(0, progress([10], 300));
    replies.receive(1, done(1000, ['w']));
    expect(delivered.map((reply) => reply.type)).toEqual(['progress']);
    replies.receive(0, done(500, ['w', 'v']));
    expect(replies.ended).toBe(true);
    expect(delivered.map((reply) => (reply.type === 'progress' ? [...reply.matches] : reply.type))).toEqual([
      [10],
      [600],
      'done',
    ]);
    expect(delivered.at(-1)).toEqual(done(1000, ['w', 'v']));
  });

  it('ends with the first error, whichever half it comes from', () => {
    const delivered: WorkerReply[] = [];
    const replies = new SplitReplies((reply) => delivered.push(reply));
    replies.receive(1, { id: 1, type: 'error', message: 'the records from 600 on are missing' });
    replies.receive(0, done(500));
    expect(delivered).toEqual([{ id: 1, type: 'error', message: 'the records from 600 on are missing' }]);
  });
});
