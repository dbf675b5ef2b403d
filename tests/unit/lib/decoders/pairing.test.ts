import { describe, expect, it } from 'vitest';
import type { DecodedMessage, DecoderEntry, Pairing } from '../../../../src/lib/decoders/decoder';
import { describeLink, formatLatency, PairingIndex } from '../../../../src/lib/decoders/pairing';
import { findEntry, loadDecoder } from '../../../../src/lib/decoders/registry';
import { Recorder } from '../../../../src/lib/record/recorder';
import { StoredSession } from '../../../../src/lib/record/stored-session';
import { PairingScan } from '../../../../src/lib/search/frame-decoding';
import { MemoryWriter } from '../../fakes/memory-writer';
import { text } from '../../fakes/records';

function message(pairing?: Pairing): DecodedMessage {
  return { type: 'm', summary: 'm', tree: null, fields: {}, ...(pairing ? { pairing } : {}) };
}
const request = (key: string) => message({ key, role: 'request' });
const reply = (key: string, final?: boolean) =>
  message(final === undefined ? { key, role: 'reply' } : { key, role: 'reply', final });

/** What Frame details would say of message `index` of record `seq`. */
function said(index: PairingIndex, seq: number, messages: DecodedMessage[], at = 0): string {
  return describeLink(index.link(seq, at, messages[at]?.pairing as Pairing));
}

describe('PairingIndex', () => {
  it('pairs a request with its reply by key, with the latency both ways', () => {
    const index = new PairingIndex();
    const ask = [request('id:1')];
    const other = [request('id:2')];
    const answer = [reply('id:1', true)];
    index.add(3, 1000, ask);
    index.add(4, 1001, other);
    index.add(7, 1012.5, answer);
    expect(index.link(3, 0, ask[0]?.pairing as Pairing)).toEqual({
      role: 'request',
      reply: { seq: 7, latencyMs: 12.5 },
    });
    expect(said(index, 3, ask)).toBe('answered by #7 in 13 ms');
    expect(said(index, 7, answer)).toBe('answers #3 in 13 ms');
    // Another key is not answered by it.
    expect(said(index, 4, other)).toBe('unanswered');
  });

  it('lets a stream of replies answer one request until a final reply closes it', () => {
    const index = new PairingIndex();
    const subscribe = [request('op:1')];
    const next = [reply('op:1', false)];
    const complete = [reply('op:1', true)];
    const late = [reply('op:1', false)];
    index.add(2, 100, subscribe);
    index.add(5, 103, next);
    index.add(6, 108, next);
    index.add(9, 110, complete);
    index.add(12, 130, late);
    // The first reply is the request's answer; each reply names the request it belongs to.
    expect(said(index, 2, subscribe)).toBe('answered by #5 in 3 ms');
    expect(said(index, 6, next)).toBe('answers #2 in 8 ms');
    expect(said(index, 9, complete)).toBe('answers #2 in 10 ms');
    // After the final reply the key is free: a later reply answers nothing on record.
    expect(said(index, 12, late)).toBe('answers no request on record');
  });

  it('treats a reply that does not say whether it is final as final, and frees the key for reuse', () => {
    const index = new PairingIndex();
    index.add(0, 0, [request('ack:1')]);
    index.add(1, 2, [reply('ack:1')]);
    index.add(2, 10, [request('ack:1')]);
    index.add(3, 15, [reply('ack:1')]);
    expect(said(index, 2, [request('ack:1')])).toBe('answered by #3 in 5 ms');
    expect(said(index, 3, [reply('ack:1')])).toBe('answers #2 in 5 ms');
  });

  it('keeps the first of two open requests with one key, as the timeline does', () => {
    const index = new PairingIndex();
    index.add(0, 0, [request('id:7')]);
    index.add(1, 5, [request('id:7')]);
    index.add(2, 9, [reply('id:7', true)]);
    expect(said(index, 0, [request('id:7')])).toBe('answered by #2 in 9 ms');
    expect(said(index, 1, [request('id:7')])).toBe('unanswered');
  });

  it('pairs each message of a frame on its own (an MQTT frame, a JSON-RPC batch)', () => {
    const index = new PairingIndex();
    const batch = [request('id:1'), message(), request('id:2')];
    const answers = [reply('id:2', true), reply('id:1', true)];
    index.add(1, 0, batch);
    index.add(2, 4, answers);
    expect(said(index, 1, batch, 0)).toBe('answered by #2 in 4 ms');
    expect(said(index, 1, batch, 2)).toBe('answered by #2 in 4 ms');
    expect(index.link(2, 1, answers[1]?.pairing as Pairing)).toEqual({
      role: 'reply',
      request: { seq: 1, latencyMs: 4 },
    });
  });

  it('shows loopback latencies to a tenth of a millisecond and others whole', () => {
    expect(formatLatency(0.04)).toBe('0 ms');
    expect(formatLatency(1.26)).toBe('1.3 ms');
    expect(formatLatency(12.5)).toBe('13 ms');
  });
});

/** JSON-RPC, decoded by the real decoder: `{"id":n,"method":…}` asks, `{"id":n,"result":…}` answers. */
const ask = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'add', params: [id, 1] });
const answer = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, result: id + 1 });

async function jsonRpcSession() {
  const decoder = await loadDecoder(findEntry('json-rpc') as DecoderEntry);
  return decoder.start({ url: 'ws://h/rpc', protocol: '' });
}

describe('PairingScan', () => {
  it('indexes a stored session a chunk at a time, in slices that let the page go on', async () => {
    const writer = new MemoryWriter();
    const recorder = new Recorder('s', writer, { maxChunkRecords: 16, setTimer: () => undefined });
    // 200 calls answered 5 ms later, then one call never answered.
    for (let i = 0; i < 200; i++) {
      recorder.append(text(i * 10, ask(i), 'out'));
      recorder.append(text(i * 10 + 5, answer(i)));
    }
    recorder.append(text(5000, ask(999), 'out'));
    await recorder.flush();
    const stored = await StoredSession.open('s', {
      head: async () => writer.head,
      chunkStarts: async () => [...writer.chunks.keys()],
      chunk: async (_id, start) => writer.chunks.get(start),
    });

    // A clock that moves 1 ms per look: a slice (8 ms) ends every few records.
    let clock = 0;
    let pauses = 0;
    let progress = 0;
    const scan = new PairingScan(stored, await jsonRpcSession(), () => progress++, {
      now: () => clock++,
      pause: async () => {
        pauses++;
      },
    });
    expect(scan.complete).toBe(false);
    scan.update();
    await expect.poll(() => scan.complete).toBe(true);
    expect(scan.indexedTo).toBe(401);
    expect(pauses).toBeGreaterThan(40);
    expect(progress).toBeGreaterThan(40);
    expect(scan.failure).toBeNull();

    const first = scan.index.link(0, 0, { key: 'id:1', role: 'request' });
    expect(first.role === 'request' && first.reply).toEqual({ seq: 1, latencyMs: 5 });
    const last = scan.index.link(399, 0, { key: 'id:199', role: 'reply' });
    expect(last.role === 'reply' && last.request).toEqual({ seq: 398, latencyMs: 5 });
    expect(describeLink(scan.index.link(400, 0, { key: 'x', role: 'request' }))).toBe('unanswered');
  });

  it('takes in a live session’s new records as they arrive, and stops when told', async () => {
    const recorder = new Recorder('live', new MemoryWriter(), {
      maxChunkRecords: 4,
      setTimer: () => undefined,
    });
    recorder.append(text(0, ask(1), 'out'));
    let pauses = 0;
    // A clock that stands still: no slice ever runs out of time.
    const scan = new PairingScan(recorder, await jsonRpcSession(), () => undefined, {
      now: () => 0,
      pause: async () => {
        pauses++;
      },
    });
    scan.update();
    await expect.poll(() => scan.indexedTo).toBe(1);
    const asked = () => scan.index.link(0, 0, { key: 'x', role: 'request' });
    expect(asked()).toEqual({ role: 'request', reply: null });

    for (let i = 2; i < 10; i++) recorder.append(text(i, ask(i), 'out'));
    recorder.append(text(20, answer(1)));
    scan.update();
    await expect.poll(() => scan.indexedTo).toBe(10);
    expect(asked()).toEqual({ role: 'request', reply: { seq: 9, latencyMs: 20 } });
    expect(pauses).toBe(0);

    scan.stop();
    recorder.append(text(30, answer(2)));
    scan.update();
    await Promise.resolve();
    expect(scan.indexedTo).toBe(10);
  });

  it('says why it stopped when a chunk cannot be read', async () => {
    const writer = new MemoryWriter();
    const recorder = new Recorder('s', writer, { maxChunkRecords: 2, setTimer: () => undefined });
    for (let i = 0; i < 6; i++) recorder.append(text(i, ask(i), 'out'));
    await recorder.flush();
    const stored = await StoredSession.open('s', {
      head: async () => writer.head,
      chunkStarts: async () => [...writer.chunks.keys()],
      chunk: async (_id, start) => {
        if (start === 2) throw new Error('the disk said no');
        return writer.chunks.get(start);
      },
    });
    const scan = new PairingScan(stored, await jsonRpcSession(), () => undefined);
    scan.update();
    await expect.poll(() => scan.failure).toBe('the disk said no');
    expect(scan.indexedTo).toBe(2);
  });
});
