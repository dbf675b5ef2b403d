import { describe, expect, it } from 'vitest';
import { SearchClient } from '../../../../src/lib/search/search-client';
import type { WorkerReply, WorkerRequest } from '../../../../src/lib/search/search-protocol';
import { EMPTY_FILTER } from '../../../../src/lib/search/filter';

/** Stands in for the search worker: records what it is sent, and replies when told. */
class FakeWorker {
  sent: WorkerRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;

  postMessage(request: WorkerRequest): void {
    this.sent.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(reply: WorkerReply): void {
    this.onmessage?.({ data: reply } as MessageEvent<WorkerReply>);
  }
}

const chunks = { sessionId: 's', starts: [0], unsaved: [], decoder: null };
const filterJob = { type: 'filter' as const, ...chunks, spec: EMPTY_FILTER, fromSeq: 0, toSeq: 10 };
const timelineJob = { type: 'timeline' as const, ...chunks, startMs: 0, endMs: 1, latencyField: '' };

function setUp(workerCount = 1) {
  const workers: FakeWorker[] = [];
  let now = 0;
  const client = new SearchClient(
    () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
    () => now,
    workerCount,
  );
  return { client, workers, advance: (ms: number) => (now += ms) };
}

describe('SearchClient', () => {
  it('starts one worker for every job, numbers the jobs and routes each reply to its job', () => {
    const { client, workers } = setUp();
    const filterReplies: WorkerReply[] = [];
    const timelineReplies: WorkerReply[] = [];
    const filterId = client.run(filterJob, [], (reply) => filterReplies.push(reply));
    const timelineId = client.run(timelineJob, [], (reply) => timelineReplies.push(reply));
    expect(workers).toHaveLength(1);
    const worker = workers[0] as FakeWorker;
    expect(worker.sent.map((request) => [request.id, request.type])).toEqual([
      [filterId, 'filter'],
      [timelineId, 'timeline'],
    ]);

    worker.reply({ id: filterId, type: 'progress', matches: new Uint32Array([1]), scannedTo: 5 });
    worker.reply({ id: filterId, type: 'done', scannedTo: 10, warnings: [] });
    worker.reply({ id: filterId, type: 'done', scannedTo: 10, warnings: [] });
    expect(filterReplies.map((reply) => reply.type)).toEqual(['progress', 'done']);
    expect(timelineReplies).toEqual([]);
  });

  it('drops the replies of a job a newer one of the same type replaced', () => {
    const { client, workers } = setUp();
    const replies: number[] = [];
    const first = client.run(filterJob, [], (reply) => replies.push(reply.id));
    const second = client.run(filterJob, [], (reply) => replies.push(reply.id));
    const worker = workers[0] as FakeWorker;
    worker.reply({ id: first, type: 'done', scannedTo: 10, warnings: [] });
    worker.reply({ id: second, type: 'done', scannedTo: 10, warnings: [] });
    expect(replies).toEqual([second]);
    expect(worker.terminated).toBe(false);
  });

  it('ends a worker stuck in a filter when the filter is replaced, and tells the other jobs', () => {
    const { client, workers, advance } = setUp();
    const timelineReplies: WorkerReply[] = [];
    const stuck = client.run(filterJob, [], () => undefined);
    client.run(timelineJob, [], (reply) => timelineReplies.push(reply));
    advance(1500);
    client.run(filterJob, [], () => undefined);
    expect((workers[0] as FakeWorker).terminated).toBe(true);
    expect(timelineReplies).toMatchObject([{ type: 'error' }]);
    expect(workers).toHaveLength(2);
    expect((workers[1] as FakeWorker).sent[0]?.id).toBeGreaterThan(stuck);
  });

  it('ends every job with an error when the worker fails or is terminated', () => {
    const { client, workers } = setUp();
    const replies: WorkerReply[] = [];
    client.run(filterJob, [], (reply) => replies.push(reply));
    const worker = workers[0] as FakeWorker;
    worker.onerror?.({ message: 'boom', preventDefault: () => undefined } as ErrorEvent);
    expect(replies).toMatchObject([{ type: 'error', message: 'boom' }]);
    expect(worker.terminated).toBe(true);

    client.run(timelineJob, [], (reply) => replies.push(reply));
    client.terminate('cancelled');
    expect(replies.at(-1)).toMatchObject({ type: 'error', message: 'cancelled' });
  });

  it('splits a long filter between two workers and joins their replies into one job, in order', () => {
    const { client, workers } = setUp(2);
    const replies: WorkerReply[] = [];
    const starts = Array.from({ length: 8 }, (_, i) => i * 10);
    const id = client.run({ ...filterJob, starts, toSeq: 80 }, [], (reply) => replies.push(reply));
    client.run(timelineJob, [], () => undefined);
    const [first, second] = workers as [FakeWorker, FakeWorker];
    expect(second.sent.map((request) => request.type)).toEqual(['filter']);
    expect(first.sent.map((request) => request.type)).toEqual(['filter', 'timeline']);
    second.reply({ id, type: 'progress', matches: new Uint32Array([45]), scannedTo: 60 });
    second.reply({ id, type: 'done', scannedTo: 80, warnings: [] });
    first.reply({ id, type: 'progress', matches: new Uint32Array([3]), scannedTo: 40 });
    first.reply({ id, type: 'done', scannedTo: 40, warnings: [] });
    const seen = replies.map((reply) =>
      reply.type === 'progress' ? reply.matches[0] : reply.type === 'done' ? reply.scannedTo : null,
    );
    expect(seen).toEqual([3, 45, 80]);
  });
});
